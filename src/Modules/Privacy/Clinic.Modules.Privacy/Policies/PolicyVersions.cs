using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Messaging.Contracts;
using Clinic.Modules.Privacy.Contracts;

namespace Clinic.Modules.Privacy.Policies;

/// <summary>One published version, as stored: the owner's Markdown with its placeholders.</summary>
internal sealed class PolicyVersion
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public int Version { get; init; }

    public string Body { get; init; } = "";

    public bool MaterialChange { get; init; }

    public string? Summary { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public string PublishedBy { get; init; } = "";

    public PolicyKind PolicyKind => Enum.Parse<PolicyKind>(Kind, ignoreCase: true);
}

/// <summary>The clinic's policy versions, and each rendered with today's clinic name and providers.</summary>
internal sealed class PolicyVersions(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IClinicProfile profile, IMessageProcessors processors) : IPublishedPolicies
{
    private const string Columns =
        "id AS Id, kind AS Kind, version AS Version, body AS Body, material_change AS MaterialChange, summary AS Summary, published_at AS PublishedAt, published_by AS PublishedBy";

    public static string Stored(PolicyKind kind) => kind.ToString().ToLowerInvariant();

    public async Task<PublishedPolicy> CurrentAsync(PolicyKind kind, CancellationToken ct)
    {
        var latest = await LatestAsync(kind, ct);
        return latest is null
            ? new PublishedPolicy(kind, 0, PolicyDefaults.UpdatedOn, await RenderAsync(PolicyDefaults.Text(kind), ct))
            : new PublishedPolicy(kind, latest.Version, await LocalDateAsync(latest.PublishedAt, ct), await RenderAsync(latest.Body, ct));
    }

    public async Task<int> VersionAsync(PolicyKind kind, CancellationToken ct)
    {
        if (tenant.TenantId is null)
            return 0;

        await using var db = await tenantDb.ReadAsync(ct);
        return await db.ExecuteScalarAsync<int>(
            "SELECT COALESCE(MAX(version), 0) FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND kind = @kind", new { kind = Stored(kind) });
    }

    public async Task<PolicyVersion?> LatestAsync(PolicyKind kind, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        return await db.QuerySingleOrDefaultAsync<PolicyVersion>(
            $"SELECT {Columns} FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND kind = @kind ORDER BY version DESC LIMIT 1",
            new { kind = Stored(kind) });
    }

    public async Task<PolicyVersion?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        return await db.QuerySingleOrDefaultAsync<PolicyVersion>(
            $"SELECT {Columns} FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND id = @id", new { id });
    }

    /// <summary>Every published version, newest first.</summary>
    public async Task<IReadOnlyList<PolicyVersion>> HistoryAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        return await db.QueryAsync<PolicyVersion>(
            $"SELECT {Columns} FROM privacy_policy_versions WHERE tenant_id = @tenant_id ORDER BY published_at DESC, version DESC");
    }

    public async Task<DateOnly> LocalDateAsync(DateTimeOffset instant, CancellationToken ct)
    {
        var zone = (await clinics.FindAsync(tenant.Required, ct))?.Zone ?? TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    public async Task<string> RenderAsync(string markdown, CancellationToken ct)
    {
        var filled = PolicyPlaceholders.Fill(markdown, await profile.CurrentAsync(ct), await processors.ListAsync(ct));
        return PolicyMarkdown.ToHtml(filled);
    }
}
