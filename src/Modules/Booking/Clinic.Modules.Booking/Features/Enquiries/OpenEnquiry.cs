using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Booking.Features.Enquiries;

/// <summary>One enquiry in full. Opening it marks it read and is audited: it is a person's details.</summary>
internal static class OpenEnquiry
{
    public const string AuditAction = "enquiries.viewed";

    internal sealed class Enquiry
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string Phone { get; init; } = "";

        public string? Email { get; init; }

        public string? Treatment { get; init; }

        public string? PreferredTimes { get; init; }

        public string? Message { get; init; }

        public string? Ip { get; init; }

        public string? UserAgent { get; init; }

        public string Status { get; init; } = "";

        public Guid? ClientId { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public DateTimeOffset? ReadAt { get; init; }

        public DateTimeOffset? HandledAt { get; init; }
    }

    internal sealed class Handler(UnitOfWork work, TimeProvider time)
    {
        /// <summary>The enquiry, or null for an unknown id, a malformed one, or another clinic's enquiry alike.</summary>
        public async Task<Enquiry?> HandleAsync(string id, CancellationToken ct)
        {
            if (!Guid.TryParse(id, out var enquiryId))
                return null;

            var outcome = await work.RunAsync(change => OpenAsync(change, enquiryId), ct);
            return outcome.Succeeded ? outcome.Value : null;
        }

        private async Task<Outcome<Enquiry>> OpenAsync(Change change, Guid enquiryId)
        {
            var db = change.Db;
            var enquiry = await db.QuerySingleOrDefaultAsync<Enquiry>(
                """
                SELECT id AS Id, first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email, treatment AS Treatment,
                    preferred_times AS PreferredTimes, message AS Message, ip AS Ip, user_agent AS UserAgent, status AS Status,
                    client_id AS ClientId, received_at AS ReceivedAt, read_at AS ReadAt, handled_at AS HandledAt
                FROM booking_enquiries
                WHERE tenant_id = @tenant_id AND id = @enquiryId
                """,
                new { enquiryId });
            if (enquiry is null)
                return Outcome.NotFound;

            await db.ExecuteAsync(
                "UPDATE booking_enquiries SET read_at = @now WHERE tenant_id = @tenant_id AND id = @enquiryId AND read_at IS NULL",
                new { enquiryId, now = time.GetUtcNow() });
            change.Audit(new AuditEntry(AuditAction) { RecordId = enquiryId, ClientId = enquiry.ClientId });
            return enquiry;
        }
    }
}
