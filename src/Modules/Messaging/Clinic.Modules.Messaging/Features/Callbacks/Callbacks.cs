using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.Callbacks;

/// <summary>
/// Clients who replied R and want a call: reception works through the open ones, oldest first, and marks each done.
/// Done ones stay on record (when, by whom) and are shown on request.
/// </summary>
internal static class Callbacks
{
    public const string Path = "/messages/callbacks";
    public const string ListedAction = "messages.callbacks.listed";
    public const string DoneAction = "messages.callback_done";
    public const int PageSize = 200;

    public static string DonePath(Guid id) => $"{Path}/{id}/done";

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public Guid ClientId { get; init; }

        public DateTimeOffset RequestedAt { get; init; }

        public DateTimeOffset? DoneAt { get; init; }

        /// <summary>The newest message sent to the client before they asked: what they replied to.</summary>
        public Guid? RepliedToId { get; init; }

        public string? RepliedToKind { get; init; }

        public DateTimeOffset? RepliedToAt { get; init; }

        public string ClientName { get; set; } = "";

        public string? RepliedToName => RepliedToKind is null ? null : MessageKinds.Find(RepliedToKind)?.Name ?? RepliedToKind;
    }

    internal sealed record Page(IReadOnlyList<Row> Rows, bool ShowingDone, TimeZoneInfo Zone);

    internal sealed class Handler(UnitOfWork work, ClinicTime clinicTime, IClientDirectory clients)
    {
        private const string Select =
            """
            SELECT c.id AS Id, c.client_id AS ClientId, c.requested_at AS RequestedAt, c.done_at AS DoneAt,
                o.id AS RepliedToId, o.kind AS RepliedToKind, o.created_at AS RepliedToAt
            FROM messaging_callbacks c
            LEFT JOIN messaging_messages o ON o.tenant_id = c.tenant_id AND o.id = (
                SELECT m.id FROM messaging_messages m
                WHERE m.tenant_id = c.tenant_id AND m.client_id = c.client_id AND m.direction = 'out' AND m.created_at <= c.requested_at
                ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
            WHERE c.tenant_id = @tenant_id
            """;

        /// <summary>Open requests oldest first, or (<paramref name="done"/>) the ones already done, newest first; listing is audited.</summary>
        public async Task<Page> ListAsync(bool done, CancellationToken ct)
        {
            var rows = await work.ReadAsync(
                async change =>
                {
                    var rows = await change.Db.QueryAsync<Row>(
                        done
                            ? $"{Select} AND c.done_at IS NOT NULL ORDER BY c.done_at DESC, c.id DESC LIMIT {PageSize}"
                            : $"{Select} AND c.done_at IS NULL ORDER BY c.requested_at, c.id LIMIT {PageSize}");
                    change.Audit(new AuditEntry(ListedAction));
                    return rows;
                },
                ct);
            await NameAsync(rows, ct);
            return new Page(rows, done, await clinicTime.ZoneAsync(ct));
        }

        /// <summary>One request, or null when this clinic has none with this id.</summary>
        public async Task<(Row Row, TimeZoneInfo Zone)?> FindAsync(Guid id, CancellationToken ct)
        {
            var row = await work.ReadAsync(
                async change =>
                {
                    var row = await change.Db.QuerySingleOrDefaultAsync<Row>($"{Select} AND c.id = @id", new { id });
                    if (row is not null)
                        change.Audit(new AuditEntry(ListedAction) { ClientId = row.ClientId, RecordId = id });
                    return row;
                },
                ct);
            if (row is null)
                return null;
            await NameAsync([row], ct);
            return (row, await clinicTime.ZoneAsync(ct));
        }

        private async Task NameAsync(IReadOnlyList<Row> rows, CancellationToken ct)
        {
            var names = await clients.NamesAsync([.. rows.Select(r => r.ClientId).Distinct()], ct);
            foreach (var row in rows)
                row.ClientName = names.GetValueOrDefault(row.ClientId) ?? "A client no longer on record";
        }
    }

    /// <summary>The request a "Done" button marks; its id comes from the route.</summary>
    internal sealed class Done
    {
        public Guid Id { get; set; }
    }

    /// <summary>Records who called back and when; not found when this clinic has no such request. Done twice keeps the first.</summary>
    internal sealed class DoneHandler(AuditContext context, TimeProvider time) : ICommandHandler<Done, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(Done command, Change change)
        {
            var id = command.Id;
            var clientId = await change.Db.QuerySingleOrDefaultAsync<Guid?>("SELECT client_id FROM messaging_callbacks WHERE tenant_id = @tenant_id AND id = @id", new { id });
            if (clientId is null)
                return Outcome.NotFound;

            var marked = await change.Db.ExecuteAsync(
                "UPDATE messaging_callbacks SET done_at = @now, done_by = @by WHERE tenant_id = @tenant_id AND id = @id AND done_at IS NULL",
                new { id, now = time.GetUtcNow(), by = context.Actor?.Id });
            if (marked > 0)
                change.Audit(new AuditEntry(DoneAction) { ClientId = clientId, RecordId = id });
            return true;
        }
    }
}
