using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Privacy.Contracts;

namespace Clinic.Modules.Privacy.Policies;

/// <summary>
/// The SaaS operator's default policies: what every clinic shows until it publishes its own, in place of the shipped
/// text. They belong to no clinic, so they are read and written outside any clinic's scope.
/// </summary>
internal sealed class PlatformPolicies(ClinicDatabase database, TimeProvider time)
{
    private const string Columns =
        "id AS Id, kind AS Kind, version AS Version, body AS Body, material_change AS MaterialChange, summary AS Summary, published_at AS PublishedAt, published_by AS PublishedBy";

    public async Task<PolicyVersion?> LatestAsync(PolicyKind kind, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        return await db.QuerySingleOrDefaultAsync<PolicyVersion>(
            $"SELECT {Columns} FROM privacy_platform_policy_versions WHERE kind = @kind ORDER BY version DESC LIMIT 1",
            new { kind = PolicyVersions.Stored(kind) });
    }

    /// <summary>The material changes published since <paramref name="since"/>, oldest first: what clinics must hear about.</summary>
    public async Task<IReadOnlyList<PolicyVersion>> MaterialSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        return await db.QueryAsync<PolicyVersion>(
            $"SELECT {Columns} FROM privacy_platform_policy_versions WHERE material_change = TRUE AND published_at >= @since ORDER BY published_at, id",
            new { since });
    }

    /// <summary>Which clinics have been told of which versions, among those published since <paramref name="since"/>.</summary>
    public async Task<HashSet<(Guid Clinic, Guid Version)>> NoticesSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        // A clinic is told after the version is published, so its notice is no older than the version.
        await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
        var rows = await db.QueryAsync<NoticeRow>(
            "SELECT tenant_id AS TenantId, version_id AS VersionId FROM privacy_platform_policy_notices_all_clinics WHERE notified_at >= @since", new { since });
        return [.. rows.Select(r => (r.TenantId, r.VersionId))];
    }

    /// <summary>
    /// Publishes the version after <paramref name="baseVersion"/>; null when that number is already taken (a double
    /// submit or another operator), so nothing is published twice.
    /// </summary>
    public async Task<int?> PublishAsync(PolicyKind kind, int baseVersion, string body, bool material, string? summary, string by, CancellationToken ct)
    {
        await using var db = await database.BeginAsync(tenantId: null, write: true, ct);
        var latest = await db.ExecuteScalarAsync<int>(
            "SELECT COALESCE(MAX(version), 0) FROM privacy_platform_policy_versions WHERE kind = @kind", new { kind = PolicyVersions.Stored(kind) });
        if (latest != baseVersion)
            return null;

        var added = await db.ExecuteAsync(
            """
            INSERT INTO privacy_platform_policy_versions (id, kind, version, body, material_change, summary, published_at, published_by)
            VALUES (@id, @kind, @version, @body, @material, @summary, @now, @by)
            ON CONFLICT (kind, version) DO NOTHING
            """,
            new { id = Guid.CreateVersion7(), kind = PolicyVersions.Stored(kind), version = latest + 1, body, material, summary, now = time.GetUtcNow(), by });
        await db.CommitAsync();
        return added == 0 ? null : latest + 1;
    }

    private sealed class NoticeRow
    {
        public Guid TenantId { get; init; }

        public Guid VersionId { get; init; }
    }
}
