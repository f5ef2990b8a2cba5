using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Settings;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.ManageSchedules;

/// <summary>
/// When providers work: each one's usual week (any number of intervals a day), dated time off and extra hours, and the
/// days the whole clinic is closed. Times are the clinic's local wall clock, on 5-minute steps.
/// </summary>
internal static class ManageSchedules
{
    public const string HoursAdded = "booking.hours.added";
    public const string HoursRemoved = "booking.hours.removed";
    public const string ExceptionAdded = "booking.exception.added";
    public const string ExceptionRemoved = "booking.exception.removed";
    public const string ClosureAdded = "booking.closure.added";
    public const string ClosureRemoved = "booking.closure.removed";
    public const int Step = 5;

    /// <summary>Monday first, as a clinic's week reads; stored as 0 = Sunday.</summary>
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Minutes after midnight of "HH:mm" on the 5-minute grid ("24:00" is the end of the day), or null.</summary>
    public static int? Minutes(string? value)
    {
        var text = value?.Trim();
        if (text == "24:00")
            return 1440;
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && time.Minute % Step == 0
            ? (time.Hour * 60) + time.Minute
            : null;
    }

    public static string Clock(int minutes) => $"{minutes / 60:D2}:{minutes % 60:D2}";

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    internal sealed class HoursRequest
    {
        public string? Weekday { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public DayOfWeek? Day => int.TryParse(Weekday, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day <= 6 ? (DayOfWeek)day : null;
    }

    internal sealed class HoursValidator : AbstractValidator<HoursRequest>
    {
        public HoursValidator()
        {
            RuleFor(r => r.Weekday).Must((r, _) => r.Day is not null).WithMessage("Choose a day of the week.");
            RuleFor(r => r.From).Must(v => Minutes(v) is < 1440).WithMessage("Enter the start as a time on 5-minute steps, e.g. 09:00.");
            RuleFor(r => r.To).Must(v => Minutes(v) is not null).WithMessage("Enter the end as a time on 5-minute steps, e.g. 13:00.")
                .Must((r, v) => Minutes(r.From) is not { } from || Minutes(v) is not { } to || to > from).WithMessage("The end must be after the start.");
        }
    }

    /// <summary>Time off all day ("off-day"), time off for a span ("off") or extra hours ("extra") on one date.</summary>
    internal sealed class ExceptionRequest
    {
        public static readonly string[] Kinds = ["off-day", "off", "extra"];

        public string? Date { get; set; }

        public string? Kind { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public string? Note { get; set; }

        public bool AllDay => Kind == "off-day";
    }

    internal sealed class ExceptionValidator : AbstractValidator<ExceptionRequest>
    {
        public ExceptionValidator(ClinicTime clinicTime)
        {
            RuleFor(r => r.Date).MustAsync(async (v, ct) => ManageSchedules.Date(v) is { } date && FromToday(date, await clinicTime.TodayAsync(ct)))
                .WithMessage("Enter a date from today on, e.g. 2026-12-24.");
            RuleFor(r => r.Kind).Must(k => ExceptionRequest.Kinds.Contains(k, StringComparer.Ordinal)).WithMessage("Choose time off all day, time off for some hours, or extra hours.");
            When(r => r.Kind is "off" or "extra", () =>
            {
                RuleFor(r => r.From).Must(v => Minutes(v) is < 1440).WithMessage("Enter the start as a time on 5-minute steps, e.g. 14:00.");
                RuleFor(r => r.To).Must(v => Minutes(v) is not null).WithMessage("Enter the end as a time on 5-minute steps, e.g. 17:00.")
                    .Must((r, v) => Minutes(r.From) is not { } from || Minutes(v) is not { } to || to > from).WithMessage("The end must be after the start.");
            });
            RuleFor(r => r.Note).SingleLine("Note", 200);
        }
    }

    internal sealed class ClosureRequest
    {
        public string? FromDate { get; set; }

        public string? ToDate { get; set; }

        public string? Reason { get; set; }
    }

    internal sealed class ClosureValidator : AbstractValidator<ClosureRequest>
    {
        public ClosureValidator(ClinicTime clinicTime)
        {
            RuleFor(r => r.FromDate).MustAsync(async (v, ct) => Date(v) is { } date && FromToday(date, await clinicTime.TodayAsync(ct)))
                .WithMessage("Enter the first closed day, from today on, e.g. 2026-12-25.");
            RuleFor(r => r.ToDate).Must(v => Date(v) is not null).WithMessage("Enter the last closed day, e.g. 2026-12-26.")
                .Must((r, v) => Date(r.FromDate) is not { } from || Date(v) is not { } to || (to >= from && to <= from.AddYears(1)))
                .WithMessage("The last day must be on or after the first, within a year.");
            RuleFor(r => r.Reason).NotEmpty().WithMessage("Enter the reason, e.g. Eid holiday.").SingleLine("Reason", 200);
        }
    }

    /// <summary>Schedules change from today on, at most two years ahead.</summary>
    private static bool FromToday(DateOnly date, DateOnly today) => date >= today && date <= today.AddYears(2);

    /// <summary>Names the row a remove button stands for.</summary>
    internal class RemoveRequest
    {
        public string? Id { get; set; }

        public Guid? Row => Guid.TryParse(Id, out var id) ? id : null;
    }

    internal sealed class RemoveClosureRequest : RemoveRequest;

    /// <summary>Closes the clinic for the days the validator accepted.</summary>
    internal sealed class AddClosure : ICommandHandler<ClosureRequest, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(ClosureRequest command, Change change)
        {
            var id = Guid.CreateVersion7();
            await change.Db.ExecuteAsync(
                "INSERT INTO booking_closures (id, tenant_id, from_date, to_date, reason) VALUES (@id, @tenant_id, @from, @to, @reason)",
                new { id, from = Date(command.FromDate)!.Value, to = Date(command.ToDate)!.Value, reason = command.Reason!.Trim() });
            change.Audit(new AuditEntry(ClosureAdded) { RecordId = id });
            return id;
        }
    }

    /// <summary>Removes a closure that has not ended; one that has stays, as it explains the diary as it was.</summary>
    internal sealed class RemoveClosure(ClinicTime clinicTime) : ICommandHandler<RemoveClosureRequest, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(RemoveClosureRequest command, Change change)
        {
            if (command.Row is not { } id || await change.Db.ExecuteAsync(
                    "DELETE FROM booking_closures WHERE tenant_id = @tenant_id AND id = @id AND to_date >= @today",
                    new { id, today = await clinicTime.TodayAsync(change.Cancellation) }) == 0)
            {
                return Outcome.NotFound;
            }

            change.Audit(new AuditEntry(ClosureRemoved) { RecordId = id });
            return id;
        }
    }

    internal sealed class HoursRow
    {
        public Guid Id { get; init; }

        public Guid ProviderId { get; init; }

        public int Weekday { get; init; }

        public int StartsMinute { get; init; }

        public int EndsMinute { get; init; }
    }

    internal sealed class ExceptionRow
    {
        public Guid Id { get; init; }

        public DateOnly OnDate { get; init; }

        public string Kind { get; init; } = "";

        public int? StartsMinute { get; init; }

        public int? EndsMinute { get; init; }

        public string? Note { get; init; }
    }

    internal sealed class ClosureRow
    {
        public Guid Id { get; init; }

        public DateOnly FromDate { get; init; }

        public DateOnly ToDate { get; init; }

        public string Reason { get; init; } = "";
    }

    internal sealed record Schedule(StaffMember Provider, IReadOnlyList<HoursRow> Hours, IReadOnlyList<ExceptionRow> Exceptions, DateOnly Today);

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work, IStaffDirectory staff, BookingSettings.Store settingsStore, TimeProvider time)
    {
        /// <summary>Staff who may perform services: clinicians and owners.</summary>
        public async Task<List<StaffMember>> ProvidersAsync(CancellationToken ct) =>
            [.. (await staff.ActiveAsync(ct)).Where(s => s.Role is Roles.Clinician or Roles.Owner)];

        public async Task<DateOnly> TodayAsync(CancellationToken ct) => (await settingsStore.LoadAsync(ct)).Today(time.GetUtcNow());

        public async Task<IReadOnlyList<HoursRow>> AllHoursAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QueryAsync<HoursRow>(
                "SELECT id AS Id, provider_id AS ProviderId, weekday AS Weekday, starts_minute AS StartsMinute, ends_minute AS EndsMinute FROM booking_weekly_hours WHERE tenant_id = @tenant_id");
        }

        /// <summary>The provider's week and exceptions (the last 30 days and all ahead), or null when not a provider of this clinic.</summary>
        public async Task<Schedule?> ScheduleAsync(Guid providerId, CancellationToken ct)
        {
            if ((await ProvidersAsync(ct)).SingleOrDefault(p => p.Id == providerId) is not { } provider)
                return null;

            var today = await TodayAsync(ct);
            await using var db = await tenantDb.ReadAsync(ct);
            var hours = await db.QueryAsync<HoursRow>(
                """
                SELECT id AS Id, weekday AS Weekday, starts_minute AS StartsMinute, ends_minute AS EndsMinute
                FROM booking_weekly_hours WHERE tenant_id = @tenant_id AND provider_id = @providerId ORDER BY weekday, starts_minute
                """,
                new { providerId });
            var exceptions = await db.QueryAsync<ExceptionRow>(
                """
                SELECT id AS Id, on_date AS OnDate, kind AS Kind, starts_minute AS StartsMinute, ends_minute AS EndsMinute, note AS Note
                FROM booking_schedule_exceptions WHERE tenant_id = @tenant_id AND provider_id = @providerId AND on_date >= @since
                ORDER BY on_date, starts_minute
                """,
                new { providerId, since = today.AddDays(-30) });
            return new Schedule(provider, hours, exceptions, today);
        }

        /// <summary>Adds an interval the validator accepted; the error message when it overlaps another on that day.</summary>
        public async Task<string?> AddHoursAsync(Guid providerId, HoursRequest request, CancellationToken ct)
        {
            var outcome = await work.RunAsync(change => AddHoursAsync(change, providerId, request), ct);
            return outcome.Succeeded ? null : outcome.Errors.For("");
        }

        private static async Task<Outcome<Guid>> AddHoursAsync(Change change, Guid providerId, HoursRequest request)
        {
            var (db, from, to) = (change.Db, Minutes(request.From)!.Value, Minutes(request.To)!.Value);
            var overlapping = await db.QueryAsync<HoursRow>(
                """
                SELECT id AS Id, weekday AS Weekday, starts_minute AS StartsMinute, ends_minute AS EndsMinute FROM booking_weekly_hours
                WHERE tenant_id = @tenant_id AND provider_id = @providerId AND weekday = @day AND starts_minute < @to AND ends_minute > @from
                """,
                new { providerId, day = (int)request.Day!.Value, from, to });
            if (overlapping.Count > 0)
                return Outcome.Conflict($"This overlaps {Clock(overlapping[0].StartsMinute)}–{Clock(overlapping[0].EndsMinute)} on that day. Change or remove that interval first.");

            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @providerId, @day, @from, @to)",
                new { id, providerId, day = (int)request.Day!.Value, from, to });
            change.Audit(new AuditEntry(HoursAdded) { RecordId = id });
            return id;
        }

        public Task<bool> RemoveHoursAsync(Guid providerId, Guid id, CancellationToken ct) =>
            RemoveAsync("DELETE FROM booking_weekly_hours WHERE tenant_id = @tenant_id AND provider_id = @providerId AND id = @id", new { providerId, id }, HoursRemoved, id, ct);

        public Task AddExceptionAsync(Guid providerId, ExceptionRequest request, CancellationToken ct) =>
            work.RunAsync<Guid>(
                async change =>
                {
                    var id = Guid.CreateVersion7();
                    await change.Db.ExecuteAsync(
                        """
                        INSERT INTO booking_schedule_exceptions (id, tenant_id, provider_id, on_date, kind, starts_minute, ends_minute, note)
                        VALUES (@id, @tenant_id, @providerId, @date, @kind, @from, @to, @note)
                        """,
                        new
                        {
                            id,
                            providerId,
                            date = Date(request.Date)!.Value,
                            kind = request.Kind == "extra" ? "extra" : "off",
                            from = request.AllDay ? null : Minutes(request.From),
                            to = request.AllDay ? null : Minutes(request.To),
                            note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
                        });
                    change.Audit(new AuditEntry(ExceptionAdded) { RecordId = id });
                    return id;
                },
                ct);

        /// <summary>Past exceptions stay as they were: they explain the diary as it was then.</summary>
        public async Task<bool> RemoveExceptionAsync(Guid providerId, Guid id, CancellationToken ct) =>
            await RemoveAsync(
                "DELETE FROM booking_schedule_exceptions WHERE tenant_id = @tenant_id AND provider_id = @providerId AND id = @id AND on_date >= @today",
                new { providerId, id, today = await TodayAsync(ct) },
                ExceptionRemoved,
                id,
                ct);

        /// <summary>Closures that have not ended yet.</summary>
        public async Task<IReadOnlyList<ClosureRow>> ClosuresAsync(DateOnly today, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QueryAsync<ClosureRow>(
                "SELECT id AS Id, from_date AS FromDate, to_date AS ToDate, reason AS Reason FROM booking_closures WHERE tenant_id = @tenant_id AND to_date >= @today ORDER BY from_date",
                new { today });
        }

        private async Task<bool> RemoveAsync(string sql, object parameters, string action, Guid id, CancellationToken ct)
        {
            var outcome = await work.RunAsync<Guid>(
                async change =>
                {
                    if (await change.Db.ExecuteAsync(sql, parameters) == 0)
                        return Outcome.NotFound;
                    change.Audit(new AuditEntry(action) { RecordId = id });
                    return id;
                },
                ct);
            return outcome.Succeeded;
        }
    }
}
