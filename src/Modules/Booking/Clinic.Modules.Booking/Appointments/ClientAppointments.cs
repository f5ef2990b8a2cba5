using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Contracts;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Not audited here: the page that shows a client's appointments records the access, as it knows who is looking.</summary>
internal sealed class ClientAppointments(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IStaffDirectory staff, TimeProvider time) : IClientAppointments
{
    private static readonly string[] Over = ["Cancelled", "NoShow", "Completed"];

    private const string Select =
        """
        SELECT a.id AS Id, s.name AS Service, a.provider_id AS ProviderId, a.starts_at AS StartsAt, a.ends_at AS EndsAt, a.status AS Status
        FROM booking_appointments a
        JOIN booking_services s ON s.id = a.service_id AND s.tenant_id = a.tenant_id
        """;

    public async Task<IReadOnlyList<ClientAppointment>> UpcomingAsync(Guid clientId, CancellationToken ct)
    {
        IReadOnlyList<Row> rows;
        await using (var db = await tenantDb.ReadAsync(ct))
        {
            rows = await db.QueryAsync<Row>(
                $"{Select} WHERE a.tenant_id = @tenant_id AND a.client_id = @clientId AND a.ends_at > @now ORDER BY a.starts_at",
                new { clientId, now = time.GetUtcNow() });
        }

        return await DescribeAsync([.. rows.Where(r => !Over.Contains(r.Status, StringComparer.Ordinal))], ct);
    }

    public async Task<ClientAppointment?> FindAsync(Guid appointmentId, CancellationToken ct)
    {
        Row? row;
        await using (var db = await tenantDb.ReadAsync(ct))
            row = await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE a.tenant_id = @tenant_id AND a.id = @appointmentId", new { appointmentId });
        return row is null ? null : (await DescribeAsync([row], ct))[0];
    }

    /// <summary>Provider names and the clinic's local times, read after the caller's transaction (the directories open their own).</summary>
    private async Task<IReadOnlyList<ClientAppointment>> DescribeAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];

        var clinic = await clinics.FindAsync(tenant.Required, ct);
        var zone = clinic?.Zone ?? TimeZoneInfo.Utc;
        var providers = (await staff.ActiveAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        return [.. rows.Select(r => new ClientAppointment(
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
