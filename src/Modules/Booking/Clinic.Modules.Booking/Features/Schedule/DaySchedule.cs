using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Features.Schedule;

/// <summary>One day's appointments in the clinic's own time zone, earliest first.</summary>
internal static class DaySchedule
{
    public const string Permission = "schedule.read";

    internal sealed record Entry(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Client, string Service, string Provider, string Status);

    internal sealed record Day(DateOnly Date, TimeZoneInfo TimeZone, IReadOnlyList<Entry> Entries);

    internal sealed class Row
    {
        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset EndsAt { get; init; }

        public Guid ClientId { get; init; }

        public Guid ProviderId { get; init; }

        public string Service { get; init; } = "";

        public string Status { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IClientDirectory clients, IStaffDirectory staff, TimeProvider time)
    {
        public async Task<Day> HandleAsync(DateOnly? date, CancellationToken ct)
        {
            var clinic = await clinics.FindAsync(tenant.Required, ct);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(clinic?.TimeZone ?? "UTC");
            var day = date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
            var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));

            IReadOnlyList<Row> rows;
            await using (var db = await tenantDb.ReadAsync(ct))
            {
                rows = (await db.QueryAsync<Row>(
                    """
                    SELECT a.starts_at AS StartsAt, a.ends_at AS EndsAt, a.client_id AS ClientId, a.provider_id AS ProviderId,
                           s.name AS Service, a.status AS Status
                    FROM booking_appointments a
                    JOIN booking_services s ON s.id = a.service_id
                    WHERE a.tenant_id = @tenant_id AND a.starts_at >= @from AND a.starts_at < @to AND a.status <> 'Held'
                    ORDER BY a.starts_at
                    """,
                    new { from, to = from.AddDays(1) }));
            }

            var clientNames = (await clients.ListAsync(int.MaxValue, ct)).ToDictionary(c => c.Id, c => c.Name);
            var staffNames = (await staff.ActiveAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
            var entries = rows.Select(r => new Entry(
                TimeZoneInfo.ConvertTime(r.StartsAt, zone),
                TimeZoneInfo.ConvertTime(r.EndsAt, zone),
                clientNames.GetValueOrDefault(r.ClientId, "Unknown client"),
                r.Service,
                staffNames.GetValueOrDefault(r.ProviderId, "Former staff"),
                r.Status)).ToList();
            return new Day(day, zone, entries);
        }
    }
}
