using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Completed visits by client, for choosing who a campaign goes to.</summary>
internal sealed class ClientVisits(TenantDb tenantDb, UnitOfWork work, ClinicTime clinicTime) : IClientVisits
{
    /// <summary>A campaign read which clients visited when, or had which service.</summary>
    public const string ReadAction = "booking.visits_read";

    public async Task<IReadOnlyList<ServiceChoice>> ServicesAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var rows = await db.QueryAsync<ServiceRow>("SELECT id AS Id, name AS Name FROM booking_services WHERE tenant_id = @tenant_id ORDER BY name, id");
        return [.. rows.Select(r => new ServiceChoice(r.Id, r.Name))];
    }

    public async Task<IReadOnlyList<Guid>> LastVisitAsync(DateOnly? onOrAfter, DateOnly? before, CancellationToken ct)
    {
        var zone = await clinicTime.ZoneAsync(ct);
        // Bounds are left out rather than compared with null parameters, which PostgreSQL cannot type.
        return await ReadAsync(
            $"""
            SELECT client_id FROM booking_appointments
            WHERE tenant_id = @tenant_id AND status = 'Completed' AND client_id IS NOT NULL
            GROUP BY client_id
            HAVING 1 = 1 {(onOrAfter is null ? "" : "AND max(starts_at) >= @from")} {(before is null ? "" : "AND max(starts_at) < @until")}
            ORDER BY client_id
            """,
            new { from = Midnight(onOrAfter, zone), until = Midnight(before, zone) },
            ct);
    }

    public Task<IReadOnlyList<Guid>> ReceivedAsync(Guid serviceId, CancellationToken ct) =>
        ReadAsync(
            """
            SELECT DISTINCT client_id FROM booking_appointments
            WHERE tenant_id = @tenant_id AND status = 'Completed' AND client_id IS NOT NULL AND service_id = @serviceId
            ORDER BY client_id
            """,
            new { serviceId },
            ct);

    private Task<IReadOnlyList<Guid>> ReadAsync(string sql, object parameters, CancellationToken ct) =>
        work.ReadAsync(
            change =>
            {
                change.Audit(new AuditEntry(ReadAction));
                return change.Db.QueryAsync<Guid>(sql, parameters);
            },
            ct);

    /// <summary>The instant a clinic-local date begins (the epoch for an open bound, which the query then leaves out).</summary>
    private static DateTimeOffset Midnight(DateOnly? date, TimeZoneInfo zone)
    {
        if (date is not { } day)
            return DateTimeOffset.UnixEpoch;

        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private sealed class ServiceRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";
    }
}
