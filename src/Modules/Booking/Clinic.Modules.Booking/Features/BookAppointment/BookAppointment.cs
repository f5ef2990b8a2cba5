using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.BookAppointment;

/// <summary>Staff book a client in: a service, a provider who performs it, and a free time in their working hours.</summary>
internal static class BookAppointment
{
    public const string Permission = "appointments.write";
    public const string AuditAction = "appointments.booked";

    /// <summary>Staff opened the booking form for a client, which shows the client's name.</summary>
    public const string OpenedAction = "appointments.booking_form_opened";

    public const int LongestMinutes = 12 * 60;

    internal sealed class Request
    {
        public string? ClientId { get; set; }

        public string? ServiceId { get; set; }

        public string? ProviderId { get; set; }

        /// <summary>The local date and time in the clinic's zone, as the date and time inputs send them.</summary>
        public string? Date { get; set; }

        public string? Time { get; set; }

        /// <summary>Optional: a different end time from the service's usual length.</summary>
        public string? EndTime { get; set; }

        public string? Notes { get; set; }

        /// <summary>Where the client's manage link points; set by the page from the request, never from the form.</summary>
        public string LinkBase { get; set; } = "";

        public Guid? Client => Guid.TryParse(ClientId, out var id) ? id : null;

        public Guid? Service => Guid.TryParse(ServiceId, out var id) ? id : null;

        public Guid? Provider => Guid.TryParse(ProviderId, out var id) ? id : null;

        public DateTime? Starts => LocalDateTime(Date, Time);

        /// <summary>The end on the same date, or the next morning when it is not after the start (a late clinic's 23:30–00:30).</summary>
        public DateTime? Ends => string.IsNullOrWhiteSpace(EndTime) || LocalDateTime(Date, EndTime) is not { } end ? null
            : Starts is { } start && end <= start ? end.AddDays(1) : end;

        private static DateTime? LocalDateTime(string? date, string? time) =>
            DateTime.TryParseExact($"{date?.Trim()} {time?.Trim()}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? local
                : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.ClientId).Must((r, _) => r.Client is not null).WithMessage("Choose the client to book.");
            RuleFor(r => r.ServiceId).Must((r, _) => r.Service is not null).WithMessage("Choose a service.");
            RuleFor(r => r.ProviderId).Must((r, _) => r.Provider is not null).WithMessage("Choose a provider.");
            RuleFor(r => r.Date).Must(d => ClinicDates.ParseValue(d?.Trim()) is not null).WithMessage("Enter the date as a real date, e.g. 2026-11-23.");
            RuleFor(r => r.Time).Must((r, _) => r.Starts is not null).WithMessage("Enter the start time, e.g. 14:30.")
                .When(r => ClinicDates.ParseValue(r.Date?.Trim()) is not null);
            RuleFor(r => r.EndTime)
                .Must((r, _) => r.Ends is { } end && r.Starts is { } start && (end - start).TotalMinutes <= LongestMinutes)
                .WithMessage("Enter an end time at most 12 hours after the start; an end before the start is read as the next morning.")
                .When(r => !string.IsNullOrWhiteSpace(r.EndTime) && r.Starts is not null);
            RuleFor(r => r.Notes).PlainText("Notes", 2000);
        }
    }

    internal sealed record Choices(ClientContact Client, IReadOnlyList<Service> Services, IReadOnlyList<StaffMember> Providers, TimeZoneInfo Zone);

    /// <summary>What the form offers, read only when the form is shown (never on a booking that succeeds).</summary>
    internal sealed class Form(UnitOfWork work, IClientDirectory clients, IStaffDirectory staff, ClinicTime clinicTime)
    {
        /// <summary>The services, providers and zone for booking this client; null when the client is unknown in this clinic.</summary>
        public async Task<Choices?> ChoicesAsync(Guid clientId, CancellationToken ct)
        {
            var (client, services) = await work.ReadAsync(
                async change =>
                {
                    if (await clients.FindAsync(change.Db, clientId) is not { } client)
                        return default;

                    change.Audit(new AuditEntry(OpenedAction) { ClientId = clientId });
                    return (client, await ServiceCatalog.ListAsync(change.Db));
                },
                ct);
            if (client is null)
                return null;

            var providerIds = services.SelectMany(s => s.Providers).ToHashSet();
            var providers = (await staff.ActiveAsync(ct)).Where(s => providerIds.Contains(s.Id)).ToList();
            return new Choices(client, [.. services.Where(s => s.Active)], providers, await clinicTime.ZoneAsync(ct));
        }

        public Task<IReadOnlyList<ClientContact>> FindClientsAsync(string text, CancellationToken ct) => clients.SearchAsync(text, ct);
    }

    /// <summary>
    /// Books a request the <see cref="Validator"/> accepted into the first free room, queueing behind anyone booking the
    /// same providers or rooms (<see cref="Placement"/>); a lost lock race runs it again and then sees the winner.
    /// </summary>
    internal sealed class Handler(BookingSettings.Store settingsStore, IClientDirectory clients, AppointmentRows rows, AuditContext auditContext, TimeProvider time)
        : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            if (await clients.FindAsync(change.Db, command.Client!.Value) is null)
                return Outcome.NotFound;

            var settings = await settingsStore.LoadAsync(change.Db, change.Cancellation);
            var now = time.GetUtcNow();
            var start = LocalTime.ToInstant(command.Starts!.Value, settings.Zone);
            if (await ServiceCatalog.FindAsync(change.Db, command.Service!.Value) is not { Active: true } service)
                return BookingError.UnknownService.Refuse();

            var length = command.Ends is { } end ? (int)(LocalTime.ToInstant(end, settings.Zone) - start).TotalMinutes : service.DurationMinutes;
            var (error, slot) = await Placement.FindAsync(
                change.Db, service with { DurationMinutes = length }, command.Provider, start, settings, now, SlotFinder.Rules.Staff);
            if (error is not null)
                return error.Refuse(nameof(Request.Time));

            var by = auditContext.Actor is { } actor ? new ChangedBy(actor.Id, actor.Name) : ChangedBy.Client;
            try
            {
                var id = await rows.InsertAsync(
                    change.Db,
                    new NewAppointment(command.Client!.Value, service, slot!, length, AppointmentStatus.Confirmed, "staff", Blank(command.Notes), Evidence: null),
                    by,
                    command.LinkBase,
                    now);
                change.Audit(new AuditEntry(AuditAction) { ClientId = command.Client, RecordId = id });
                return id;
            }
            catch (Exception e) when (Placement.IsOverlap(e))
            {
                return BookingError.Overlap.Refuse(nameof(Request.Time));
            }
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
