using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Settings;
using Clinic.BuildingBlocks.Work;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Why a booking, move or change was refused: the HTTP status, the form field it concerns, and what to do.</summary>
internal sealed record BookingError(int Status, string Field, string Message)
{
    public static readonly BookingError Overlap = new(
        StatusCodes.Status409Conflict, "StartsAt", "That time has just been taken by another appointment. Please choose another time.");

    public static readonly BookingError UnknownService = new(
        StatusCodes.Status400BadRequest, "ServiceId", "Choose one of the clinic's services; that one is unknown or no longer offered.");

    public static readonly BookingError ProviderDoesNotPerform = new(
        StatusCodes.Status400BadRequest, "ProviderId", "That provider does not perform this service. Choose another provider.");

    public static readonly BookingError HoldExpired = new(
        StatusCodes.Status410Gone, "StartsAt", "We could only keep that time for you for a few minutes, and it has been released. Please choose a time again.");

    public static readonly BookingError HoldTaken = new(
        StatusCodes.Status409Conflict, "StartsAt", "Sorry, this time was taken by another booking while you were filling in your details. Nothing was booked for you. Please pick another time.");

    public static readonly BookingError ConsultationFirst = new(
        StatusCodes.Status409Conflict, "ServiceId", "This treatment needs a consultation first, so it cannot be booked online. Request a consultation and the clinic will arrange it with you.");

    public static readonly BookingError NotFound = new(StatusCodes.Status404NotFound, "", "There is no such appointment.");

    public static BookingError From(SlotProblem problem, BookingSettings settings) => problem switch
    {
        SlotProblem.InThePast => new(StatusCodes.Status400BadRequest, "StartsAt", "That time has already passed. Choose a later time."),
        SlotProblem.TooSoon => new(StatusCodes.Status400BadRequest, "StartsAt",
            $"Online bookings need at least {Notice(settings.MinNoticeMinutes)} notice. Choose a later time or call the clinic."),
        SlotProblem.BeyondHorizon => new(StatusCodes.Status400BadRequest, "StartsAt",
            $"Bookings open {settings.HorizonDays} days ahead. Choose an earlier date."),
        SlotProblem.OutsideWorkingHours => new(StatusCodes.Status400BadRequest, "StartsAt",
            "The provider is not working at that time. Choose a time within their working hours."),
        SlotProblem.RunsPastWorkingHours => new(StatusCodes.Status400BadRequest, "StartsAt",
            "That appointment would run past the end of the provider's working hours. Choose an earlier start or a shorter appointment."),
        SlotProblem.ProviderBusy => Overlap,
        SlotProblem.NoResourceFree => new(StatusCodes.Status409Conflict, "StartsAt", "No suitable room or equipment is free at that time. Choose another time."),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Not a problem."),
    };

    /// <summary>
    /// The unit of work's refusal: 400 names the field, 404 is not found, anything else is a conflict with the diary.
    /// <paramref name="timeField"/> is the form's field for the start, where an error about the time shows.
    /// </summary>
    public Refusal Refuse(string timeField = "StartsAt")
    {
        var field = Field == "StartsAt" ? timeField : Field;
        return Status switch
        {
            StatusCodes.Status400BadRequest => Outcome.Invalid(field, Message),
            StatusCodes.Status404NotFound => Outcome.NotFound,
            _ => Outcome.Conflict(Message, field),
        };
    }

    /// <summary>What a refused outcome was, for a page that shows one message with its status; null for a success.</summary>
    public static BookingError? Of<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? null
        : outcome.Errors.ToProblem().Select(e => new BookingError(outcome.StatusCode, e.Key, e.Value[0])).FirstOrDefault() ?? NotFound;

    private static string Notice(int minutes) => minutes % 60 == 0 ? $"{minutes / 60} hours'" : $"{minutes} minutes'";
}
