namespace Clinic.Modules.Accounts.Contracts;

/// <summary>A clinic hosted by this installation: its id is the tenant id on every row it owns.</summary>
public sealed record ClinicTenant(Guid Id, string Name, string TimeZone, string Currency)
{
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The host name the clinic is served at in the SaaS edition; null in the single-clinic edition.</summary>
    public string? Host { get; init; }

    /// <summary>The clinic's zone, or UTC when this system does not know the stored id.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>Finds the clinic a request is for.</summary>
public interface ITenantDirectory
{
    /// <summary>The clinic served at a host name (SaaS edition), or null.</summary>
    Task<ClinicTenant?> FindByHostAsync(string host, CancellationToken ct);

    Task<ClinicTenant?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>The one clinic of the single-clinic edition, or null before it is created.</summary>
    Task<ClinicTenant?> SingleClinicAsync(CancellationToken ct);

    /// <summary>Every clinic hosted here, for jobs that work clinic by clinic (row-level security shows one at a time).</summary>
    Task<IReadOnlyList<ClinicTenant>> ListAsync(CancellationToken ct);
}
