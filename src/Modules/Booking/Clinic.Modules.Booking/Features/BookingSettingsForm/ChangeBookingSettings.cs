using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Settings;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.BookingSettingsForm;

/// <summary>
/// The owner sets how the clinic takes bookings, and the clinic's time zone. A new cancellation policy or notice gets a
/// new policy version, so each online booking keeps evidence of the terms it was shown.
/// </summary>
internal static class ChangeBookingSettings
{
    public const string AuditAction = "booking.settings.saved";

    /// <summary>The zones this system knows, by IANA id (on Linux the system ids are IANA ids).</summary>
    public static IReadOnlyList<string> Zones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    internal sealed class Request
    {
        public string? TimeZone { get; set; }

        public string? HorizonDays { get; set; }

        public string? MinNoticeMinutes { get; set; }

        public string? SlotMinutes { get; set; }

        public string? CancellationNoticeHours { get; set; }

        public string? CancellationPolicy { get; set; }

        public bool OnlineAutoConfirm { get; set; }

        public string? HoldMinutes { get; set; }

        public static Request From(BookingSettings settings) => new()
        {
            TimeZone = settings.Zone.Id,
            HorizonDays = Text(settings.HorizonDays),
            MinNoticeMinutes = Text(settings.MinNoticeMinutes),
            SlotMinutes = Text(settings.SlotMinutes),
            CancellationNoticeHours = Text(settings.CancellationNoticeHours),
            CancellationPolicy = settings.CancellationPolicy,
            OnlineAutoConfirm = settings.OnlineAutoConfirm,
            HoldMinutes = Text(settings.HoldMinutes),
        };

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            // Only the offered IANA ids: Windows ids would also resolve here, but other systems reading the zone expect IANA.
            RuleFor(r => r.TimeZone).Must(z => Zones.Contains(z ?? "", StringComparer.Ordinal))
                .WithMessage("Choose the clinic's time zone from the list, e.g. Asia/Karachi.");
            RuleFor(r => r.HorizonDays).Must(v => Number(v) is >= 1 and <= 730).WithMessage("Booking horizon must be from 1 to 730 days.");
            RuleFor(r => r.MinNoticeMinutes).Must(v => Number(v) is >= 0 and <= 20160).WithMessage("Minimum notice must be from 0 to 20160 minutes (14 days).");
            RuleFor(r => r.SlotMinutes).Must(v => BookingSettings.SlotLengths.Contains(Number(v))).WithMessage("Slot steps must be 5, 10, 15, 20, 30 or 60 minutes.");
            RuleFor(r => r.CancellationNoticeHours).Must(v => Number(v) is >= 0 and <= 720).WithMessage("Cancellation notice must be from 0 to 720 hours.");
            RuleFor(r => r.CancellationPolicy).NotEmpty().WithMessage("Enter the cancellation policy clients agree to.").PlainText("Cancellation policy", 2000);
            RuleFor(r => r.HoldMinutes).Must(v => Number(v) is >= 1 and <= 60).WithMessage("Hold time must be from 1 to 60 minutes.");
        }
    }

    /// <summary>A whole number as typed, or -1.</summary>
    public static int Number(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;

    internal sealed class Handler(UnitOfWork work, BookingSettings.Store store, IClinicTimeZone clinicZone, ITenantContext tenant, TimeProvider time)
    {
        public Task<BookingSettings> LoadAsync(CancellationToken ct) => store.LoadAsync(ct);

        /// <summary>Stores settings the validator accepted; the policy version goes up when the policy's text or notice changes.</summary>
        public async Task SaveAsync(Request request, CancellationToken ct)
        {
            await work.RunAsync(change => StoreAsync(change, request), ct);

            // The zone lives on the clinic's record in Accounts, which audits its own change.
            await clinicZone.ChangeAsync(request.TimeZone!, ct);
        }

        private async Task<Outcome<Guid>> StoreAsync(Change change, Request request)
        {
            var db = change.Db;
            var current = await store.LoadAsync(db, change.Cancellation);
            var policy = request.CancellationPolicy!.Trim().ReplaceLineEndings("\n");
            var notice = Number(request.CancellationNoticeHours);
            var changedPolicy = policy != current.CancellationPolicy.ReplaceLineEndings("\n") || notice != current.CancellationNoticeHours;

            await db.ExecuteAsync(
                """
                INSERT INTO booking_settings (tenant_id, horizon_days, min_notice_minutes, slot_minutes, cancellation_notice_hours, cancellation_policy,
                    policy_version, online_auto_confirm, hold_minutes, updated_at)
                VALUES (@tenant_id, @horizon, @notice, @slot, @cancelNotice, @policy, @version, @autoConfirm, @hold, @now)
                ON CONFLICT (tenant_id) DO UPDATE SET horizon_days = excluded.horizon_days, min_notice_minutes = excluded.min_notice_minutes,
                    slot_minutes = excluded.slot_minutes, cancellation_notice_hours = excluded.cancellation_notice_hours,
                    cancellation_policy = excluded.cancellation_policy, policy_version = excluded.policy_version,
                    online_auto_confirm = excluded.online_auto_confirm, hold_minutes = excluded.hold_minutes, updated_at = excluded.updated_at
                """,
                new
                {
                    horizon = Number(request.HorizonDays),
                    notice = Number(request.MinNoticeMinutes),
                    slot = Number(request.SlotMinutes),
                    cancelNotice = notice,
                    policy,
                    version = current.PolicyVersion + (changedPolicy ? 1 : 0),
                    autoConfirm = request.OnlineAutoConfirm,
                    hold = Number(request.HoldMinutes),
                    now = time.GetUtcNow(),
                });
            change.Audit(new AuditEntry(AuditAction) { RecordId = tenant.Required });
            return tenant.Required;
        }
    }
}
