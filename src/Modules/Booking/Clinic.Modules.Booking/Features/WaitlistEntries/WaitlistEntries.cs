using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Features.WaitlistEntries;

/// <summary>Reception sees who is waiting for what, in queue order, and puts a client on the waitlist.</summary>
internal static class WaitlistEntries
{
    public const string Permission = "appointments.write";
    public const string ViewedAction = "waitlist.viewed";
    public const string AddedAction = "waitlist.added";

    internal sealed class Request : WaitlistPreferences
    {
        public string? ClientId { get; set; }

        public Guid? Client => Guid.TryParse(ClientId, out var id) ? id : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.ClientId).Must((r, _) => r.Client is not null).WithMessage("Choose the client who is waiting.");
            WaitlistPreferences.Rules(this);
        }
    }

    internal sealed record Entry(Guid Id, string Client, string Service, string Provider, IReadOnlyList<string> Suits, string Status, DateTimeOffset Since);

    internal sealed record Page(IReadOnlyList<Entry> Entries, IReadOnlyList<ClientSummary> Clients, IReadOnlyList<Service> Services, IReadOnlyDictionary<Guid, string> Providers);

    internal sealed class Handler(UnitOfWork work, IClientDirectory clients, IStaffDirectory staff, TimeProvider time)
    {
        /// <summary>Everyone still waiting or offered a slot, first come first; the read is audited for each client shown.</summary>
        public async Task<Page> ListAsync(CancellationToken ct)
        {
            var providers = (await staff.ActiveAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
            var known = (await clients.ListAsync(1000, ct)).ToDictionary(c => c.Id, c => c.Name);
            var (services, entries) = await work.ReadAsync(change => ReadAsync(change, known, providers), ct);
            return new Page(entries, [.. known.Select(c => new ClientSummary(c.Key, c.Value)).OrderBy(c => c.Name, StringComparer.Ordinal)],
                [.. services.Where(s => s.Active)], providers);
        }

        private async Task<(List<Service> Services, List<Entry> Entries)> ReadAsync(Change change, Dictionary<Guid, string> known, Dictionary<Guid, string> providers)
        {
            var db = change.Db;
            var services = await ServiceCatalog.ListAsync(db);
            var rows = await db.QueryAsync<Row>(
                """
                SELECT e.id AS Id, e.client_id AS ClientId, s.name AS Service, e.provider_id AS ProviderId, e.status AS Status, e.created_at AS CreatedAt
                FROM booking_waitlist_entries e
                JOIN booking_services s ON s.tenant_id = e.tenant_id AND s.id = e.service_id
                WHERE e.tenant_id = @tenant_id AND e.status IN ('Waiting', 'Offered')
                ORDER BY e.created_at, e.id
                """);
            var windows = await WaitlistWindow.OfLiveEntriesAsync(db);
            var entries = new List<Entry>();
            foreach (var row in rows)
            {
                var name = known.TryGetValue(row.ClientId, out var n) ? n : (await clients.FindAsync(db, row.ClientId))?.Name ?? "Unknown client";
                entries.Add(new Entry(
                    row.Id, name, row.Service, row.ProviderId is { } p ? providers.GetValueOrDefault(p, "Former provider") : "Anyone",
                    [.. windows[row.Id].Select(w => w.Describe())], row.Status, row.CreatedAt));
                change.Audit(new AuditEntry(ViewedAction) { ClientId = row.ClientId, RecordId = row.Id });
            }

            return (services, entries);
        }

        /// <summary>Adds a validated request; null on success, otherwise why not.</summary>
        public async Task<BookingError?> AddAsync(Request request, CancellationToken ct) =>
            BookingError.Of(await work.RunAsync(change => AddAsync(change, request), ct));

        private async Task<Outcome<Guid>> AddAsync(Change change, Request request)
        {
            var db = change.Db;
            if (await clients.FindAsync(db, request.Client!.Value) is null)
                return Outcome.Invalid(nameof(Request.ClientId), "That client is not in this clinic's records.");
            if (await ServiceCatalog.FindAsync(db, request.Service!.Value) is not { Active: true } service)
                return BookingError.UnknownService.Refuse();
            if (request.Provider is { } provider && !service.Providers.Contains(provider))
                return BookingError.ProviderDoesNotPerform.Refuse();
            var id = await request.AddAsync(db, request.Client.Value, "staff", time.GetUtcNow());
            change.Audit(new AuditEntry(AddedAction) { ClientId = request.Client, RecordId = id });
            return id;
        }
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public Guid ClientId { get; init; }

        public string Service { get; init; } = "";

        public Guid? ProviderId { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }
    }
}
