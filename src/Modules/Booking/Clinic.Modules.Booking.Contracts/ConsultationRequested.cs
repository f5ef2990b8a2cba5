using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Booking.Contracts;

/// <summary>
/// A visitor asked for a consultation on the clinic's website. They are not a client yet, so their contacts travel
/// with the event; Messaging acknowledges the request. <see cref="Mobile"/> is E.164.
/// </summary>
[EventName("booking.consultation-requested.v1")]
public sealed record ConsultationRequested(
    Guid EnquiryId,
    string FirstName,
    string Mobile,
    string? Email,
    string? Treatment,
    DateTimeOffset ReceivedAt) : IntegrationEvent;
