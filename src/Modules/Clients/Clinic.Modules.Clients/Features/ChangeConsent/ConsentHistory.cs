using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Time;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Clients.Features.ChangeConsent;

/// <summary>A client's consent changes as staff read them: newest first, in the clinic's local time, with who recorded each.</summary>
internal sealed class ConsentHistory(ClinicTime clinicTime, IStaffDirectory staff)
{
    public const string ClientPortalSource = "Client portal";

    internal sealed class Row
    {
        public string Channel { get; init; } = "";

        public bool Granted { get; init; }

        public string Source { get; init; } = "";

        public DateTimeOffset ChangedAt { get; init; }

        public Guid? ChangedBy { get; init; }
    }

    public static string ChannelName(string code) => ChangeConsent.Channels.First(c => c.Code == code).Name;

    /// <summary>The rows, read in the caller's transaction so they are audited with it.</summary>
    public static Task<IReadOnlyList<Row>> ReadAsync(DbSession db, Guid clientId) =>
        db.QueryAsync<Row>(
            """
            SELECT channel AS Channel, granted AS Granted, source AS Source, changed_at AS ChangedAt, changed_by AS ChangedBy
            FROM clients_consent_changes
            WHERE tenant_id = @tenant_id AND client_id = @clientId
            ORDER BY changed_at DESC, id DESC
            """,
            new { clientId });

    /// <summary>Names and local times for the rows; called after the caller's transaction, since the directories open their own.</summary>
    public async Task<IReadOnlyList<ConsentLine>> DescribeAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];

        var zone = await clinicTime.ZoneAsync(ct);
        var names = (await staff.ActiveAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        return [.. rows.Select(r => (r.Channel, r.Granted, r.Source, ClinicDates.Moment(r.ChangedAt, zone), By(r, names)))];
    }

    // Staff who have since left are no longer in the directory; their changes still say a person recorded them.
    private static string By(Row row, Dictionary<Guid, string> names) => row.ChangedBy switch
    {
        { } id when names.TryGetValue(id, out var name) => name,
        not null => "Former staff member",
        null when row.Source == ClientPortalSource => "Client (portal)",
        null => row.Source,
    };
}
