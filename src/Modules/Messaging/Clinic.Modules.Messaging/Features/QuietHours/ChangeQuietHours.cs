using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Work;
using FluentValidation;

namespace Clinic.Modules.Messaging.Features.QuietHours;

/// <summary>
/// The hours, in clinic time, when messages that can wait are held until the end (default 21:00 to 09:00). A span may
/// run over midnight. "No quiet hours" is an explicit choice, stored as a span that starts where it ends, which
/// Dispatch/QuietHours reads as none; the same start and end typed in are refused rather than read as "off".
/// </summary>
internal static class ChangeQuietHours
{
    public const string Path = "/messages/quiet-hours";
    public const string AuditAction = "messaging.quiet-hours.changed";

    internal sealed class Request
    {
        public string? From { get; set; }

        public string? Until { get; set; }

        public bool None { get; set; }

        public static Request Of(Dispatch.QuietHours hours) => hours.FromMinute == hours.UntilMinute
            ? new Request { From = Time(Dispatch.QuietHours.Default.FromMinute), Until = Time(Dispatch.QuietHours.Default.UntilMinute), None = true }
            : new Request { From = Time(hours.FromMinute), Until = Time(hours.UntilMinute) };

        /// <summary>The hours a request the validator accepted stands for.</summary>
        public Dispatch.QuietHours ToQuietHours() => None ? new Dispatch.QuietHours(0, 0) : new Dispatch.QuietHours(Minute(From)!.Value, Minute(Until)!.Value);

        private static string Time(int minute) => ClinicDates.Time(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minute)));
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            When(r => !r.None, () =>
            {
                RuleFor(r => r.From).Must(value => Minute(value) is not null).WithMessage("Enter when quiet hours start as a time, such as 21:00.");
                RuleFor(r => r.Until).Must(value => Minute(value) is not null).WithMessage("Enter when quiet hours end as a time, such as 09:00.")
                    .Must((r, value) => Minute(r.From) is not { } from || Minute(value) != from)
                    .WithMessage("Quiet hours cannot end when they start. To send at any hour, tick “No quiet hours”.");
            });
        }
    }

    /// <summary>Minutes after midnight for a time typed as HH:mm (what a time input sends); null when it is not one.</summary>
    public static int? Minute(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? (time.Hour * 60) + time.Minute
            : null;

    /// <summary>The clinic's quiet hours as the form starts.</summary>
    internal sealed class Form(TenantDb tenantDb)
    {
        public async Task<Request> ReadAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return Request.Of(await Dispatch.QuietHours.LoadAsync(db));
        }
    }

    internal sealed class Handler(TimeProvider time) : ICommandHandler<Request, bool>
    {
        public async Task<Outcome<bool>> HandleAsync(Request command, Change change)
        {
            var hours = command.ToQuietHours();
            await change.Db.ExecuteAsync(
                """
                INSERT INTO messaging_settings (tenant_id, quiet_from_minute, quiet_until_minute, updated_at)
                VALUES (@tenant_id, @from, @until, @now)
                ON CONFLICT (tenant_id) DO UPDATE SET quiet_from_minute = excluded.quiet_from_minute,
                    quiet_until_minute = excluded.quiet_until_minute, updated_at = excluded.updated_at
                """,
                new { from = hours.FromMinute, until = hours.UntilMinute, now = time.GetUtcNow() });
            change.Audit(new AuditEntry(AuditAction));
            return true;
        }
    }
}
