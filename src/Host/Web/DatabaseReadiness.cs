using System.Data.Common;
using Clinic.BuildingBlocks.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clinic.Host.Web;

/// <summary>Ready means the database answers and every migration of every enabled module has been applied.</summary>
internal sealed class DatabaseReadiness(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(cancellationToken);
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) pending.");
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.");
        }
    }
}
