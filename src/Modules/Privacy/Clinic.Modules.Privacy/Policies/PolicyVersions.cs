using System.Globalization;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
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

/// <summary>The clinic's policy versions (or the operator's default), each rendered with today's clinic details and providers.</summary>
internal sealed class PolicyVersions(
    TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IClinicProfile profile, IEnumerable<IDataProcessors> processors, PlatformPolicies platform)
    : IPublishedPolicies
{
    private const string Columns =
        "id AS Id, kind AS Kind, version AS Version, body AS Body, material_change AS MaterialChange, summary AS Summary, published_at AS PublishedAt, published_by AS PublishedBy";

    public static string Stored(PolicyKind kind) => kind.ToString().ToLowerInvariant();

    public async Task<PublishedPolicy> CurrentAsync(PolicyKind kind, CancellationToken ct)
    {
        if (await LatestAsync(kind, ct) is { } own)
            return new PublishedPolicy(kind, Revision(own, platform: false), await LocalDateAsync(own.PublishedAt, ct), await RenderAsync(own.Body, ct));
        if (await platform.LatestAsync(kind, ct) is { } operatorDefault)
            return new PublishedPolicy(kind, Revision(operatorDefault, platform: true), await LocalDateAsync(operatorDefault.PublishedAt, ct), await RenderAsync(operatorDefault.Body, ct));
        return new PublishedPolicy(kind, "0", PolicyDefaults.UpdatedOn, await RenderAsync(PolicyDefaults.Text(kind), ct));
    }

    public async Task<string> RevisionAsync(PolicyKind kind, CancellationToken ct)
    {
        if (tenant.TenantId is null)
            return "0";

        await using (var db = await tenantDb.ReadAsync(ct))
        {
            var own = await db.ExecuteScalarAsync<int>(
                "SELECT COALESCE(MAX(version), 0) FROM privacy_policy_versions WHERE tenant_id = @tenant_id AND kind = @kind", new { kind = Stored(kind) });
            if (own > 0)
                return own.ToString(CultureInfo.InvariantCulture);
        }

        return await platform.LatestAsync(kind, ct) is { } operatorDefault ? Revision(operatorDefault, platform: true) : "0";
    }

    /// <summary>The text the owner's form starts from: the latest version, the operator's default, or the shipped text.</summary>
    public async Task<string> StartingTextAsync(PolicyKind kind, PolicyVersion? own, CancellationToken ct) =>
        own?.Body ?? (await platform.LatestAsync(kind, ct))?.Body ?? PolicyDefaults.Text(kind);

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
        var filled = PolicyPlaceholders.Fill(markdown, await profile.CurrentAsync(ct), await processors.ListAllAsync(ct));
        return PolicyMarkdown.ToHtml(filled);
    }

    private static string Revision(PolicyVersion version, bool platform) =>
        (platform ? "p" : "") + version.Version.ToString(CultureInfo.InvariantCulture);
}
