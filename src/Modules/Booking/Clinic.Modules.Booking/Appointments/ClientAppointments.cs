using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Not audited here: the page that shows a client's appointments records the access, as it knows who is looking.</summary>
internal sealed class ClientAppointments(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IStaffDirectory staff, TimeProvider time) : IClientAppointments
{
    private static readonly string[] Over = ["Cancelled", "NoShow", "Completed"];

    public async Task<IReadOnlyList<ClientAppointment>> UpcomingAsync(Guid clientId, CancellationToken ct)
    {
        var clinic = await clinics.FindAsync(tenant.Required, ct);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(clinic?.TimeZone ?? "", out var found) ? found : TimeZoneInfo.Utc;
        IReadOnlyList<Row> rows;
        await using (var db = await tenantDb.ReadAsync(ct))
        {
            rows = await db.QueryAsync<Row>(
                """
                SELECT a.id AS Id, s.name AS Service, a.provider_id AS ProviderId, a.starts_at AS StartsAt, a.ends_at AS EndsAt, a.status AS Status
                FROM booking_appointments a
                JOIN booking_services s ON s.id = a.service_id AND s.tenant_id = a.tenant_id
                WHERE a.tenant_id = @tenant_id AND a.client_id = @clientId AND a.ends_at > @now
                ORDER BY a.starts_at
                """,
                new { clientId, now = time.GetUtcNow() });
        }

        var providers = (await staff.ActiveAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        return [.. rows
            .Where(r => !Over.Contains(r.Status, StringComparer.Ordinal))
            .Select(r => new ClientAppointment(
                r.Id,
                r.Service,
                providers.GetValueOrDefault(r.ProviderId, "Your clinician"),
                TimeZoneInfo.ConvertTime(r.StartsAt, zone),
                TimeZoneInfo.ConvertTime(r.EndsAt, zone),
                r.Status))];
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Service { get; init; } = "";

        public Guid ProviderId { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset EndsAt { get; init; }

        public string Status { get; init; } = "";
    }
}
