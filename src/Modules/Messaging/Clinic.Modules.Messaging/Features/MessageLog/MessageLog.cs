using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.MessageLog;

/// <summary>The clinic's messages, newest first: all of them, the dead letters (failed), or those kept unsent; or one client's.</summary>
internal static class MessageLog
{
    public const string Permission = "messages.read";
    public const string AuditAction = "messages.listed";
    public const int PageSize = 200;

    /// <summary>The filters the page offers, by their query value, each with its fixed SQL condition.</summary>
    public static readonly (string Value, string Label, string? Condition)[] Filters =
    [
        ("", "All", null),
        ("failed", "Failed", "status = 'Failed'"),
        ("not-sent", "Not sent", "status = 'NotSent'"),
        ("queued", "Waiting", "status = 'Queued'"),
        ("interrupted", "Interrupted", "interrupted_attempts > 0"),
    ];

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public string Kind { get; init; } = "";

        public Guid? ClientId { get; init; }

        public string? Channel { get; init; }

        public string? Recipient { get; init; }

        public string Direction { get; init; } = "";

        public string Status { get; init; } = "";

        public string? StatusDetail { get; init; }

        /// <summary>Times the message was sent again after an interruption the provider could not account for.</summary>
        public int UnconfirmedResends { get; init; }

        public string KindName => MessageKinds.NameOf(Kind);
    }

    /// <summary>
    /// Messages whose sending was interrupted by a host that died mid-send, and how many of those were sent again
    /// although the provider could not say whether the first attempt arrived: those clients may have two copies.
    /// </summary>
    internal sealed class Interruptions
    {
        public static readonly Interruptions None = new();

        public long Interrupted { get; init; }

        public long SentAgain { get; init; }
    }

    internal sealed record Page(IReadOnlyList<Row> Rows, TimeZoneInfo Zone, Interruptions Interruptions);

    internal sealed class Handler(UnitOfWork work, ClinicTime clinicTime)
    {
        /// <summary>Null for an unknown filter. Listing is audited once, and for one client against that client.</summary>
        public async Task<Page?> HandleAsync(string? filter, Guid? clientId, CancellationToken ct)
        {
            if (Filters.FirstOrDefault(f => f.Value == (filter ?? "")) is not { Value: not null } chosen)
                return null;

            var zone = await clinicTime.ZoneAsync(ct);
            return await work.ReadAsync(change => ReadAsync(change, chosen, clientId, zone), ct);
        }

        private static async Task<Page> ReadAsync(Change change, (string Value, string Label, string? Condition) chosen, Guid? clientId, TimeZoneInfo zone)
        {
            var db = change.Db;
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT id AS Id, created_at AS CreatedAt, kind AS Kind, client_id AS ClientId, channel AS Channel, recipient AS Recipient,
                    direction AS Direction, status AS Status, status_detail AS StatusDetail, unconfirmed_resends AS UnconfirmedResends
                FROM messaging_messages
                WHERE tenant_id = @tenant_id
                    {(chosen.Condition is null ? "" : "AND " + chosen.Condition)}
                    {(clientId is null ? "" : "AND client_id = @clientId")}
                ORDER BY created_at DESC, id DESC
                LIMIT {PageSize}
                """,
                new { clientId });
            var interruptions = clientId is not null
                ? Interruptions.None
                : await db.QuerySingleOrDefaultAsync<Interruptions>(
                    """
                    SELECT count(*) AS Interrupted, COALESCE(SUM(CASE WHEN unconfirmed_resends > 0 THEN 1 ELSE 0 END), 0) AS SentAgain
                    FROM messaging_messages
                    WHERE tenant_id = @tenant_id AND interrupted_attempts > 0
                    """) ?? Interruptions.None;
            change.Audit(new AuditEntry(AuditAction) { ClientId = clientId });
            return new Page(rows, zone, interruptions);
        }
    }
}
