using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Booking.Features.Enquiries;

/// <summary>Consultation requests as reception sees them: newest first, each new, opened, converted or dismissed.</summary>
internal static class EnquiryInbox
{
    public const string Permission = "enquiries.manage";
    public const string AuditAction = "enquiries.list";
    public const int PageSize = 200;

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Treatment { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset ReceivedAt { get; init; }

        public DateTimeOffset? ReadAt { get; init; }
    }

    internal sealed class Handler(UnitOfWork work)
    {
        // Names are personal data: the view is recorded in the read's own transaction.
        public Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct) =>
            work.ReadAsync(
                change =>
                {
                    change.Audit(new AuditEntry(AuditAction));
                    return change.Db.QueryAsync<Row>(
                $"""
                SELECT id AS Id, first_name AS FirstName, last_name AS LastName, treatment AS Treatment, status AS Status,
                    received_at AS ReceivedAt, read_at AS ReadAt
                FROM booking_enquiries
                WHERE tenant_id = @tenant_id
                ORDER BY received_at DESC, id DESC
                LIMIT {PageSize}
                """);
                },
                ct);
    }
}
