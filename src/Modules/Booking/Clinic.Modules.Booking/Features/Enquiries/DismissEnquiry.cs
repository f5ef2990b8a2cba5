using Clinic.BuildingBlocks.Audit;
using Work = Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Enquiries;

namespace Clinic.Modules.Booking.Features.Enquiries;

/// <summary>Staff set aside an enquiry that needs nothing more (spam, a duplicate, a person who changed their mind).</summary>
internal static class DismissEnquiry
{
    public const string AuditAction = "enquiries.dismissed";
    public const string AlreadyConverted = "This enquiry is already converted to a client, so it cannot be dismissed.";

    internal sealed class Request
    {
        public string? Confirm { get; set; }
    }

    internal enum Outcome
    {
        Dismissed,
        NotFound,
        AlreadyConverted,
    }

    internal sealed class Handler(Work.UnitOfWork work, TimeProvider time)
    {
        public async Task<Outcome> HandleAsync(Guid enquiryId, Guid? staffId, CancellationToken ct) =>
            (await work.RunAsync(change => DismissAsync(change, enquiryId, staffId), ct)).Value;

        // Not found and already converted change nothing, so every answer is committed as it is.
        private async Task<Work.Outcome<Outcome>> DismissAsync(Work.Change change, Guid enquiryId, Guid? staffId)
        {
            var db = change.Db;
            var status = await db.ExecuteScalarAsync<string>(
                "SELECT status FROM booking_enquiries WHERE tenant_id = @tenant_id AND id = @enquiryId", new { enquiryId });
            if (status is null)
                return Outcome.NotFound;
            if (status == EnquiryStatus.Converted)
                return Outcome.AlreadyConverted;

            await db.ExecuteAsync(
                """
                UPDATE booking_enquiries SET status = @dismissed, handled_at = @now, handled_by = @staffId
                WHERE tenant_id = @tenant_id AND id = @enquiryId AND status = @current
                """,
                new { enquiryId, dismissed = EnquiryStatus.Dismissed, current = status, now = time.GetUtcNow(), staffId });
            change.Audit(new AuditEntry(AuditAction) { RecordId = enquiryId });
            return Outcome.Dismissed;
        }
    }
}
