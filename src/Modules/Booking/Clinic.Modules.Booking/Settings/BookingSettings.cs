using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Booking.Settings;

/// <summary>How one clinic takes bookings, with its time zone and currency from the clinic's own record.</summary>
internal sealed record BookingSettings
{
    public static readonly int[] SlotLengths = [5, 10, 15, 20, 30, 60];

    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    public string Currency { get; init; } = "PKR";

    /// <summary>How far ahead clients may book online.</summary>
    public int HorizonDays { get; init; } = 60;

    /// <summary>How soon before a start clients may still book online.</summary>
    public int MinNoticeMinutes { get; init; } = 120;

    /// <summary>The grid online start times sit on, in the clinic's local time.</summary>
    public int SlotMinutes { get; init; } = 15;

    /// <summary>A cancellation later than this before the start is late.</summary>
    public int CancellationNoticeHours { get; init; } = 24;

    public string CancellationPolicy { get; init; } =
        "Please give at least 24 hours' notice to cancel or move an appointment. Later cancellations and missed appointments may be charged.";

    public int PolicyVersion { get; init; } = 1;

    /// <summary>Online bookings are confirmed at once, or wait as requested until staff confirm them.</summary>
    public bool OnlineAutoConfirm { get; init; } = true;

    /// <summary>How long a slot stays held while a client fills in the online booking form.</summary>
    public int HoldMinutes { get; init; } = 10;

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Whether cancelling now, before an appointment starting then, breaks the notice the policy asks for.</summary>
    public bool IsLateCancel(DateTimeOffset now, DateTimeOffset startsAt) => startsAt - now < TimeSpan.FromHours(CancellationNoticeHours);

    /// <summary>The current clinic's settings: its stored row, or the defaults above.</summary>
    internal sealed class Store(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics)
    {
        public async Task<BookingSettings> LoadAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await LoadAsync(db, ct);
        }

        /// <summary>The settings as the caller's transaction sees them, so a change is checked against the rules it commits under.</summary>
        public async Task<BookingSettings> LoadAsync(DbSession db, CancellationToken ct)
        {
            var clinic = await clinics.FindAsync(tenant.Required, ct);
            var row = await db.QuerySingleOrDefaultAsync<Row>(
                """
                SELECT horizon_days AS HorizonDays, min_notice_minutes AS MinNoticeMinutes, slot_minutes AS SlotMinutes,
                       cancellation_notice_hours AS CancellationNoticeHours, cancellation_policy AS CancellationPolicy,
                       policy_version AS PolicyVersion, online_auto_confirm AS OnlineAutoConfirm, hold_minutes AS HoldMinutes
                FROM booking_settings WHERE tenant_id = @tenant_id
                """);

            var defaults = new BookingSettings
            {
                Zone = clinic?.Zone ?? TimeZoneInfo.Utc,
                Currency = clinic?.Currency ?? "PKR",
            };
            return row is null ? defaults : defaults with
            {
                HorizonDays = row.HorizonDays,
                MinNoticeMinutes = row.MinNoticeMinutes,
                SlotMinutes = row.SlotMinutes,
                CancellationNoticeHours = row.CancellationNoticeHours,
                CancellationPolicy = row.CancellationPolicy,
                PolicyVersion = row.PolicyVersion,
                OnlineAutoConfirm = row.OnlineAutoConfirm,
                HoldMinutes = row.HoldMinutes,
            };
        }

        private sealed class Row
        {
            public int HorizonDays { get; init; }

            public int MinNoticeMinutes { get; init; }

            public int SlotMinutes { get; init; }

            public int CancellationNoticeHours { get; init; }

            public string CancellationPolicy { get; init; } = "";

            public int PolicyVersion { get; init; }

            public bool OnlineAutoConfirm { get; init; }

            public int HoldMinutes { get; init; }
        }
    }
}
