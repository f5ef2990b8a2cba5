using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
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
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Features.OnlineBooking;

/// <summary>
/// The public booking flow: a service, a provider or anyone free, a slot (held for a few minutes while the visitor
/// fills in their details), then the appointment, requested or confirmed as the clinic chooses.
/// </summary>
internal static class OnlineBooking
{
    public const string AuditAction = "appointments.booked-online";
    public const string AnyProvider = "any";
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm'Z'";
    public const int DaysShown = 7;

    /// <summary>The visitor's choice of a slot, as the slot buttons post it.</summary>
    internal sealed class HoldRequest
    {
        public string? ServiceId { get; set; }

        /// <summary>A provider's id, or <see cref="AnyProvider"/>.</summary>
        public string? ProviderId { get; set; }

        /// <summary>The start as a UTC instant: a local time can name two instants on the night clocks go back.</summary>
        public string? StartsAt { get; set; }

        public Guid? Service => Guid.TryParse(ServiceId, out var id) ? id : null;

        public Guid? Provider => Guid.TryParse(ProviderId, out var id) ? id : null;

        public DateTimeOffset? Start =>
            DateTimeOffset.TryParseExact(StartsAt, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    internal sealed class HoldValidator : AbstractValidator<HoldRequest>
    {
        public HoldValidator()
        {
            RuleFor(r => r.ServiceId).Must((r, _) => r.Service is not null).WithMessage("Choose a service.");
            RuleFor(r => r.ProviderId).Must((r, _) => r.ProviderId == AnyProvider || r.Provider is not null).WithMessage("Choose a provider, or anyone available.");
            RuleFor(r => r.StartsAt).Must((r, _) => r.Start is not null).WithMessage("Choose one of the times shown.");
        }
    }

    /// <summary>Who the visitor is, from the form beside their held slot.</summary>
    internal sealed class Contact
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Mobile { get; set; }

        public string? Email { get; set; }

        public string? Notes { get; set; }

        /// <summary>The checkbox: "on" when ticked, absent otherwise.</summary>
        public string? AgreesToPolicy { get; set; }
    }

    internal sealed class ContactValidator : AbstractValidator<Contact>
    {
        public ContactValidator()
        {
            RuleFor(r => r.FirstName).NotEmpty().WithMessage("Enter your first name.").SingleLine("First name", 100);
            RuleFor(r => r.LastName).NotEmpty().WithMessage("Enter your last name.").SingleLine("Last name", 100);
            RuleFor(r => r.Mobile).Must(m => MobileNumber.TryParse(m, out _)).WithMessage("Enter your mobile number, e.g. 0300 1234567 or +44 7400 123456.");
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.").SingleLine("Email", 254)
                .EmailAddress().WithMessage("Enter a valid email address, e.g. name@example.com.");
            RuleFor(r => r.Notes).PlainText("Notes", 1000);
            RuleFor(r => r.AgreesToPolicy).Must(a => a is "on" or "true").WithMessage("Please read the cancellation policy and tick the box to agree to it.");
        }
    }

    /// <summary>What the first step offers: the online menu, and who performs each service.</summary>
    internal sealed record Menu(IReadOnlyList<Service> Services, IReadOnlyDictionary<Guid, string> Providers, BookingSettings Settings);

    /// <summary>A week of days with how many slots each has, and the slots of the chosen day.</summary>
    internal sealed record Week(DateOnly Day, IReadOnlyList<(DateOnly Day, int Slots)> Days, IReadOnlyList<Slot> Slots, DateOnly? Previous, DateOnly? Next);

    /// <summary>A slot held for the visitor, as the contact form shows it.</summary>
    internal sealed record Held(Guid Id, Service Service, string Provider, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, BookingSettings Settings);

    /// <summary>What became of a held time the visitor asked to book: their manage link's secret, or why nothing was booked.</summary>
    internal sealed record Completion(string? ManageToken, BookingError? Error);

    internal sealed class Handler(
        TenantDb tenantDb,
        UnitOfWork work,
        BookingSettings.Store settingsStore,
        IStaffDirectory staff,
        IClientDirectory clients,
        AppointmentRows rows,
        HoldLimits limits,
        AuditContext auditContext,
        TimeProvider time)
    {
        public async Task<Menu> MenuAsync(CancellationToken ct)
        {
            List<Service> services;
            await using (var db = await tenantDb.ReadAsync(ct))
                services = await ServiceCatalog.ListAsync(db);
            var providers = (await staff.ActiveAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
            var online = services.Where(s => s.Active && s.OnlineBookable && s.Providers.Any(providers.ContainsKey))
                .Select(s => s with { Providers = [.. s.Providers.Where(providers.ContainsKey)] })
                .ToList();
            return new Menu(online, providers, await settingsStore.LoadAsync(ct));
        }

        /// <summary>
        /// The week around <paramref name="day"/> (weeks count from today), or around the first day with a free slot
        /// when no day is asked for.
        /// </summary>
        public async Task<Week> WeekAsync(Service service, Guid? providerId, DateOnly? day, BookingSettings settings, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var today = settings.Today(now);
            var last = today.AddDays(settings.HorizonDays);
            var wanted = day is { } d && d >= today && d <= last ? d : (DateOnly?)null;
            await using var db = await tenantDb.ReadAsync(ct);
            if (wanted is null)
            {
                var diary = await DiaryReader.ReadAsync(db, today.AddDays(-1), last.AddDays(1), settings.Zone, now);
                var first = SlotFinder.Find(service.Needs, providerId, today, last, diary, settings, now).FirstOrDefault();
                wanted = first is null ? today : DateOnly.FromDateTime(first.StartsAt.DateTime);
            }

            var from = today.AddDays(wanted.Value.DayNumber - today.DayNumber - ((wanted.Value.DayNumber - today.DayNumber) % DaysShown));
            var to = from.AddDays(DaysShown - 1);
            var week = await DiaryReader.ReadAsync(db, from.AddDays(-1), to.AddDays(1), settings.Zone, now);
            var slots = SlotFinder.Find(service.Needs, providerId, from, to, week, settings, now).ToLookup(s => DateOnly.FromDateTime(s.StartsAt.DateTime));
            var days = Enumerable.Range(0, DaysShown).Select(i => from.AddDays(i)).Where(x => x <= last).Select(x => (x, slots[x].Count())).ToList();
            return new Week(wanted.Value, days, [.. slots[wanted.Value]], from > today ? from.AddDays(-DaysShown) : null, to < last ? to.AddDays(1) : null);
        }

        /// <summary>How long this request must wait before it may hold a time, or null when it may now (<see cref="HoldLimits"/>).</summary>
        public TimeSpan? TooManyHolds(HttpContext http) => limits.Refuse(http);

        /// <summary>
        /// Holds a validated slot for the visitor and returns the hold's secret, or why the slot cannot be had. Like
        /// every slot-taking change it runs on the unit of work, which runs it again when it lost a lock race.
        /// </summary>
        public Task<Outcome<string>> HoldAsync(HoldRequest request, Visitor visitor, CancellationToken ct) =>
            work.RunAsync(change => HoldOnceAsync(change, request, visitor), ct);

        /// <summary>The live hold this secret names; null once it has expired, been booked, or never existed.</summary>
        public async Task<Held?> FindHoldAsync(string? token, CancellationToken ct)
        {
            if (!IsToken(token))
                return null;
            var settings = await settingsStore.LoadAsync(ct);
            HoldRow? row;
            Service? service;
            await using (var db = await tenantDb.ReadAsync(ct))
            {
                row = await db.QuerySingleOrDefaultAsync<HoldRow>(
                    """
                    SELECT id AS Id, service_id AS ServiceId, provider_id AS ProviderId, starts_at AS StartsAt, hold_expires_at AS ExpiresAt
                    FROM booking_appointments
                    WHERE tenant_id = @tenant_id AND token_hash = @hash AND status = 'Held' AND hold_expires_at > @now
                    """,
                    new { hash = SecretToken.Hash(token!), now = time.GetUtcNow() });
                service = row is null ? null : await ServiceCatalog.FindAsync(db, row.ServiceId);
            }

            if (row is null || service is null)
                return null;
            var provider = (await staff.ActiveAsync(ct)).FirstOrDefault(s => s.Id == row.ProviderId)?.Name ?? "Your clinician";
            return new Held(row.Id, service, provider, settings.Local(row.StartsAt), row.ExpiresAt, settings);
        }

        /// <summary>
        /// What became of a hold that is no longer live, for its link: the secret of the visitor's own manage link when
        /// this visitor booked it, or why nothing was booked for them (the time was taken, or the hold ran out).
        /// </summary>
        public async Task<Completion> OutcomeAsync(string? holdToken, Visitor? visitor, CancellationToken ct)
        {
            if (!IsToken(holdToken))
                return new(null, BookingError.HoldExpired);
            await using var db = await tenantDb.ReadAsync(ct);
            return await OutcomeAsync(db, holdToken!, visitor, time.GetUtcNow());
        }

        /// <summary>
        /// Books the held slot for the visitor (found or added as a client) and returns the secret of their manage link.
        /// Exactly one visitor books a hold: the first to claim it. The same visitor pressing "Book" again gets the same
        /// link; anyone else is told the time was taken, and no client is added for them.
        /// </summary>
        public async Task<Completion> BookAsync(string? holdToken, Contact contact, Visitor visitor, string linkBase, CancellationToken ct)
        {
            if (!IsToken(holdToken))
                return new(null, BookingError.HoldExpired);
            if (!MobileNumber.TryParse(contact.Mobile, out var mobile))
                return new(null, new BookingError(400, nameof(Contact.Mobile), "Enter your mobile number."));
            var person = new NewClient(contact.FirstName!.Trim(), contact.LastName!.Trim(), mobile, contact.Email!.Trim(), "online-booking");
            // Every completion commits what it decided, a refusal too: a hold that can never be booked is removed.
            return (await work.RunAsync(change => CompleteAsync(change, holdToken!, person, contact.Notes, visitor, linkBase), ct)).Value!;
        }

        private async Task<Outcome<string>> HoldOnceAsync(Change change, HoldRequest request, Visitor visitor)
        {
            var db = change.Db;
            var settings = await settingsStore.LoadAsync(db, change.Cancellation);
            var now = time.GetUtcNow();
            var start = request.Start!.Value;
            try
            {
                if (await ServiceCatalog.FindAsync(db, request.Service!.Value) is not { Active: true, OnlineBookable: true } service)
                    return BookingError.UnknownService.Refuse();
                if (service.ConsultationFirst)
                    return BookingError.ConsultationFirst.Refuse();

                // One visitor's holds queue on each other before anyone's diary (ADR 0022: the order locks are taken in).
                await db.LockAsync("booking.visitor:" + visitor.Hash);
                var (error, slot) = await Placement.FindAsync(db, service, request.Provider, start, settings, now, SlotFinder.Rules.Online);
                if (error is not null)
                    return error.Refuse();

                var token = SecretToken.Create();
                var end = start.AddMinutes(service.DurationMinutes);
                await db.ExecuteAsync(
                    """
                    INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, resource_id, starts_at, ends_at, blocked_from, blocked_until,
                        status, source, hold_expires_at, token_hash, visitor_hash, created_at, updated_at)
                    VALUES (@id, @tenant_id, NULL, @serviceId, @providerId, @resourceId, @start, @end, @blockedFrom, @blockedUntil,
                        'Held', 'online', @expires, @tokenHash, @visitorHash, @now, @now)
                    """,
                    new
                    {
                        id = Guid.CreateVersion7(),
                        serviceId = service.Id,
                        providerId = slot!.ProviderId,
                        resourceId = slot.ResourceId,
                        start,
                        end,
                        blockedFrom = start.AddMinutes(-service.BufferBeforeMinutes),
                        blockedUntil = end.AddMinutes(service.BufferAfterMinutes),
                        expires = now.AddMinutes(settings.HoldMinutes),
                        tokenHash = SecretToken.Hash(token),
                        visitorHash = visitor.Hash,
                        now,
                    });
                // A visitor keeps only their newest few holds: trying another time gives back the oldest.
                await db.ExecuteAsync(
                    """
                    DELETE FROM booking_appointments
                    WHERE tenant_id = @tenant_id AND status = 'Held' AND visitor_hash = @visitorHash AND id NOT IN (
                        SELECT id FROM booking_appointments WHERE tenant_id = @tenant_id AND status = 'Held' AND visitor_hash = @visitorHash
                        ORDER BY created_at DESC, id DESC LIMIT @keep)
                    """,
                    new { visitorHash = visitor.Hash, keep = limits.LiveHoldsPerVisitor });
                return token;
            }
            catch (Exception e) when (Placement.IsOverlap(e))
            {
                return BookingError.Overlap.Refuse();
            }
        }

        private async Task<Outcome<Completion>> CompleteAsync(Change change, string holdToken, NewClient person, string? notes, Visitor visitor, string linkBase)
        {
            var db = change.Db;
            var settings = await settingsStore.LoadAsync(db, change.Cancellation);
            var now = time.GetUtcNow();
            var holdHash = SecretToken.Hash(holdToken);
            // Claimed first, so that whoever loses the hold has added no client and written nothing.
            if (await AppointmentRows.ClaimHoldAsync(db, holdHash, now) is not { } held)
                return await OutcomeAsync(db, holdToken, visitor, now);

            if (await ServiceCatalog.FindAsync(db, held.ServiceId) is not { } service || service.ConsultationFirst)
            {
                // Set to need a consultation after the time was held: the hold can never become an appointment.
                await db.ExecuteAsync("DELETE FROM booking_appointments WHERE tenant_id = @tenant_id AND id = @id", new { id = held.Id });
                return new Completion(null, BookingError.ConsultationFirst);
            }

            var client = await clients.FindOrAddAsync(db, person);
            var status = settings.OnlineAutoConfirm ? AppointmentStatus.Confirmed : AppointmentStatus.Requested;
            var evidence = new BookingEvidence(settings.PolicyVersion, auditContext.Ip, auditContext.Device);
            var manageToken = visitor.ManageToken(holdToken);
            await rows.BookHeldAsync(db, held, holdHash, client.Id, service, status, string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), evidence, manageToken, linkBase, now);
            change.Audit(new AuditEntry(AuditAction) { ClientId = client.Id, RecordId = held.Id });
            return new Completion(manageToken, null);
        }

        private static async Task<Completion> OutcomeAsync(DbSession db, string holdToken, Visitor? visitor, DateTimeOffset now)
        {
            if (visitor?.ManageToken(holdToken) is { } manageToken && await db.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND token_hash = @hash AND status <> 'Held'",
                    new { hash = SecretToken.Hash(manageToken) }) > 0)
            {
                return new(manageToken, null);
            }

            return new(null, await TakenHolds.WasTakenAsync(db, SecretToken.Hash(holdToken), now) ? BookingError.HoldTaken : BookingError.HoldExpired);
        }

        private static bool IsToken(string? token) => !string.IsNullOrEmpty(token) && token.Length <= 100;
    }

    /// <summary>How long is left on a hold, in whole minutes rounded up, for the page to say.</summary>
    public static int MinutesLeft(DateTimeOffset expiresAt, DateTimeOffset now) => Math.Max(0, (int)Math.Ceiling((expiresAt - now).TotalMinutes));

    /// <summary>The consultation-request form with this service chosen, for a service that needs a consultation first.</summary>
    public static string ConsultationPath(Guid service) => $"{ServicesAndPrices.ServicesAndPrices.ConsultationPath}?service={service}";

    public static string Path(Guid? service = null, string? provider = null, DateOnly? day = null)
    {
        var query = new List<string>();
        if (service is { } s)
            query.Add($"service={s}");
        if (provider is not null)
            query.Add($"provider={Uri.EscapeDataString(provider)}");
        if (day is { } d)
            query.Add($"date={ClinicDates.Value(d)}");
        return query.Count == 0 ? "/book" : "/book?" + string.Join('&', query);
    }

    private sealed class HoldRow
    {
        public Guid Id { get; init; }

        public Guid ServiceId { get; init; }

        public Guid ProviderId { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }
    }
}
