using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;
using Microsoft.Extensions.Logging;

namespace Clinic.Modules.Booking.Features.BookAppointment;

/// <summary>Staff book a client in: a service, a provider who performs it, and a free time in their working hours.</summary>
internal static class BookAppointment
{
    public const string Permission = "appointments.write";
    public const string AuditAction = "appointments.booked";
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
            RuleFor(r => r.Date).Must(IsDate).WithMessage("Enter the date as a real date, e.g. 2026-11-23.");
            RuleFor(r => r.Time).Must((r, _) => r.Starts is not null).WithMessage("Enter the start time, e.g. 14:30.").When(r => IsDate(r.Date));
            RuleFor(r => r.EndTime)
                .Must((r, _) => r.Ends is { } end && r.Starts is { } start && (end - start).TotalMinutes <= LongestMinutes)
                .WithMessage("Enter an end time at most 12 hours after the start; an end before the start is read as the next morning.")
                .When(r => !string.IsNullOrWhiteSpace(r.EndTime) && r.Starts is not null);
            RuleFor(r => r.Notes).PlainText("Notes", 2000);
        }

        private static bool IsDate(string? value) =>
            DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    internal sealed record Choices(ClientContact Client, IReadOnlyList<Service> Services, IReadOnlyList<StaffMember> Providers, BookingSettings Settings);

    internal sealed class Handler(
        TenantDb tenantDb,
        BookingSettings.Store settingsStore,
        IClientDirectory clients,
        IStaffDirectory staff,
        AppointmentRows rows,
        IAuditTrail audit,
        AuditContext auditContext,
        TimeProvider time,
        ILogger<Handler> log)
    {
        /// <summary>What the form offers for this client; null when the client is unknown in this clinic.</summary>
        public async Task<Choices?> ChoicesAsync(Guid clientId, CancellationToken ct)
        {
            if (await clients.FindAsync(clientId, ct) is not { } client)
                return null;

            List<Service> services;
            await using (var db = await tenantDb.ReadAsync(ct))
                services = await ServiceCatalog.ListAsync(db);

            var providerIds = services.SelectMany(s => s.Providers).ToHashSet();
            var providers = (await staff.ActiveAsync(ct)).Where(s => providerIds.Contains(s.Id)).ToList();
            return new Choices(client, [.. services.Where(s => s.Active)], providers, await settingsStore.LoadAsync(ct));
        }

        public Task<IReadOnlyList<ClientContact>> FindClientsAsync(string text, CancellationToken ct) => clients.SearchAsync(text, ct);

        /// <summary>Books a request the <see cref="Validator"/> accepted; returns the appointment's id or why it was refused.</summary>
        public async Task<(Guid? Id, BookingError? Error)> HandleAsync(Request request, string linkBase, CancellationToken ct)
        {
            if (await clients.FindAsync(request.Client!.Value, ct) is null)
                return (null, BookingError.NotFound with { Field = nameof(Request.ClientId), Message = "That client is not in this clinic's records." });

            var settings = await settingsStore.LoadAsync(ct);
            var now = time.GetUtcNow();
            var start = LocalTime.ToInstant(request.Starts!.Value, settings.Zone);
            var by = auditContext.Actor is { } actor ? new ChangedBy(actor.Id, actor.Name) : ChangedBy.Client;
            return await Placement.RetryingDeadlocksAsync(log, () => BookAsync(request, linkBase, settings, now, start, by, ct));
        }

        private async Task<(Guid? Id, BookingError? Error)> BookAsync(
            Request request, string linkBase, BookingSettings settings, DateTimeOffset now, DateTimeOffset start, ChangedBy by, CancellationToken ct)
        {
            try
            {
                await using var db = await tenantDb.BeginAsync(ct);
                if (await ServiceCatalog.FindAsync(db, request.Service!.Value) is not { Active: true } service)
                    return (null, BookingError.UnknownService);

                var length = request.Ends is { } end ? (int)(LocalTime.ToInstant(end, settings.Zone) - start).TotalMinutes : service.DurationMinutes;
                var (error, slot) = await Placement.FindAsync(db, service with { DurationMinutes = length }, request.Provider, start, settings, now, SlotFinder.Rules.Staff);
                if (error is not null)
                    return (null, error);

                var id = await rows.InsertAsync(
                    db,
                    new NewAppointment(request.Client!.Value, service, slot!, length, AppointmentStatus.Confirmed, "staff", Blank(request.Notes), Evidence: null),
                    by,
                    linkBase,
                    now);
                await audit.RecordAsync(db, new AuditEntry(AuditAction) { ClientId = request.Client, RecordId = id });
                await db.CommitAsync();
                return (id, null);
            }
            catch (Exception e) when (Placement.IsOverlap(e))
            {
                return (null, BookingError.Overlap);
            }
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
