using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Enquiries;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Features.Enquiries;

/// <summary>
/// Staff turn an enquiry into a client: the one with the same mobile or email, or a new one. The enquiry remembers
/// the client, and staff go on to book the appointment.
/// </summary>
internal static class ConvertEnquiry
{
    public const string AuditAction = "enquiries.converted";
    public const string Source = "consultation-request";

    /// <summary>Where staff book the converted client's appointment.</summary>
    public static string BookingPath(Guid clientId) => $"/appointments/new?clientId={clientId}";

    internal sealed class Request
    {
        public string? Confirm { get; set; }
    }

    internal sealed class Contact
    {
        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string Phone { get; init; } = "";

        public string? Email { get; init; }

        public Guid? ClientId { get; init; }
    }

    internal sealed class Handler(UnitOfWork work, IClientDirectory clients, TimeProvider time)
    {
        /// <summary>The client the enquiry now belongs to, or null when the enquiry is not this clinic's.</summary>
        public async Task<Guid?> HandleAsync(Guid enquiryId, Guid? staffId, CancellationToken ct)
        {
            var outcome = await work.RunAsync(change => ConvertAsync(change, enquiryId, staffId), ct);
            return outcome.Succeeded ? outcome.Value : null;
        }

        private async Task<Outcome<Guid>> ConvertAsync(Change change, Guid enquiryId, Guid? staffId)
        {
            var db = change.Db;
            var contact = await db.QuerySingleOrDefaultAsync<Contact>(
                    """
                    SELECT first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email, client_id AS ClientId
                    FROM booking_enquiries
                    WHERE tenant_id = @tenant_id AND id = @enquiryId
                    """,
                    new { enquiryId });
            if (contact is null)
                return Outcome.NotFound;
            // Converting twice (a double click, a second tab) lands on the same client.
            if (contact.ClientId is { } converted)
                return converted;
            if (!MobileNumber.TryParse(contact.Phone, out var phone))
                throw new InvalidOperationException("A stored enquiry has a phone number that is not E.164.");

            // In this transaction: a client is added only if the enquiry is converted with it.
            var client = await clients.FindOrAddAsync(db, new NewClient(contact.FirstName, contact.LastName, phone, contact.Email, Source));
            var updated = await db.ExecuteAsync(
                """
                UPDATE booking_enquiries SET status = @status, client_id = @clientId, handled_at = @now, handled_by = @staffId
                WHERE tenant_id = @tenant_id AND id = @enquiryId AND client_id IS NULL
                """,
                new { enquiryId, status = EnquiryStatus.Converted, clientId = client.Id, now = time.GetUtcNow(), staffId });
            // A colleague converted it meanwhile (or it was purged): their client stands.
            if (updated == 0)
            {
                return await db.ExecuteScalarAsync<Guid?>("SELECT client_id FROM booking_enquiries WHERE tenant_id = @tenant_id AND id = @enquiryId", new { enquiryId }) is { } theirs
                    ? theirs
                    : Outcome.NotFound;
            }

            change.Audit(new AuditEntry(AuditAction) { RecordId = enquiryId, ClientId = client.Id });
            return client.Id;
        }
    }
}
