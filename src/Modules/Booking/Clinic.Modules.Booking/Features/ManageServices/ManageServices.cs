using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Settings;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.ManageServices;

/// <summary>The owner keeps the treatment menu: what each service takes, costs and needs, and who may perform it.</summary>
internal static class ManageServices
{
    /// <summary>Every booking set-up page: services, schedules, rooms and settings.</summary>
    public const string Permission = "booking.setup";
    public const string AuditAction = "booking.service.saved";
    public const decimal HighestPrice = 9_999_999_999.99m;

    internal sealed class Request
    {
        /// <summary>The service to change, from the route (never the form); none for a new one.</summary>
        public Guid? ServiceId { get; set; }

        public string? Category { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? DurationMinutes { get; set; }

        public string? Price { get; set; }

        public string? BufferBeforeMinutes { get; set; }

        public string? BufferAfterMinutes { get; set; }

        /// <summary>Blank when the service needs no room or equipment.</summary>
        public string? ResourceType { get; set; }

        public bool OnlineBookable { get; set; }

        public bool ConsultationFirst { get; set; }

        public bool Active { get; set; }

        /// <summary>Read by the page from the repeated "ProviderIds" checkboxes, which the form binder does not map.</summary>
        public IReadOnlyList<string> ProviderIds { get; set; } = [];

        public decimal? Amount =>
            decimal.TryParse(Price?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ? price : null;

        public IReadOnlyList<Guid> Providers => [.. ProviderIds.Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).Distinct()];

        public static Request From(Service service) => new()
        {
            Category = service.Category,
            Name = service.Name,
            Description = service.Description,
            DurationMinutes = service.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            Price = service.Price.ToString("0.##", CultureInfo.InvariantCulture),
            BufferBeforeMinutes = service.BufferBeforeMinutes.ToString(CultureInfo.InvariantCulture),
            BufferAfterMinutes = service.BufferAfterMinutes.ToString(CultureInfo.InvariantCulture),
            ResourceType = service.ResourceType,
            OnlineBookable = service.OnlineBookable,
            ConsultationFirst = service.ConsultationFirst,
            Active = service.Active,
            ProviderIds = [.. service.Providers.Select(p => p.ToString())],
        };
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(IStaffDirectory staff)
        {
            RuleFor(r => r.Category).NotEmpty().WithMessage("Enter a category, e.g. Skin or Injectables.").SingleLine("Category", 60);
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter the service's name.").SingleLine("Name", 120);
            RuleFor(r => r.Description).PlainText("Description", 2000);
            RuleFor(r => r.DurationMinutes).Must(v => Minutes(v) is >= 5 and <= 720).WithMessage("Duration must be a whole number of minutes from 5 to 720.");
            RuleFor(r => r.Price).Must((r, _) => r.Amount is { } price && price <= HighestPrice && decimal.Round(price, 2) == price)
                .WithMessage("Price must be an amount of 0 or more, with at most two decimals, e.g. 15000 or 2500.50.");
            RuleFor(r => r.BufferBeforeMinutes).Must(v => Minutes(v) is >= 0 and <= 240).WithMessage("Buffer before must be from 0 to 240 minutes.");
            RuleFor(r => r.BufferAfterMinutes).Must(v => Minutes(v) is >= 0 and <= 240).WithMessage("Buffer after must be from 0 to 240 minutes.");
            RuleFor(r => r.ProviderIds)
                .MustAsync(async (ids, ct) => ids.Count == 0 || await OfferedAsync(staff, ids, ct))
                .WithMessage("Choose providers from the list of the clinic's clinicians.");
        }

        private static async Task<bool> OfferedAsync(IStaffDirectory staff, IReadOnlyList<string> ids, CancellationToken ct)
        {
            var providers = await Providers(staff, ct);
            return ids.All(id => Guid.TryParse(id, out var provider) && providers.Any(p => p.Id == provider));
        }

        /// <summary>Whole minutes as typed, or -1 when not a whole number.</summary>
        public static int Minutes(string? value) =>
            int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : -1;
    }

    /// <summary>What the form offers: the room and equipment types that exist, and the staff who may perform services.</summary>
    internal sealed record Choices(IReadOnlyList<string> ResourceTypes, IReadOnlyList<StaffMember> Providers, string Currency)
    {
        /// <summary>Nothing loaded yet.</summary>
        public static readonly Choices None = new([], [], "");
    }

    /// <summary>The staff who may perform services: active clinicians and the owner.</summary>
    public static async Task<List<StaffMember>> Providers(IStaffDirectory staff, CancellationToken ct) =>
        [.. (await staff.ActiveAsync(ct)).Where(s => s.Role is Roles.Clinician or Roles.Owner)];

    internal sealed class Form(TenantDb tenantDb, BookingSettings.Store settingsStore, IStaffDirectory staff)
    {
        public async Task<List<Service>> ListAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await ServiceCatalog.ListAsync(db);
        }

        /// <summary>The form's choices; the service's current room type stays offered even after its last room is gone.</summary>
        public async Task<Choices> ChoicesAsync(Service? current, CancellationToken ct)
        {
            IReadOnlyList<string> types;
            await using (var db = await tenantDb.ReadAsync(ct))
                types = await db.QueryAsync<string>("SELECT DISTINCT resource_type FROM booking_resources WHERE tenant_id = @tenant_id ORDER BY resource_type");
            if (current?.ResourceType is { } type && !types.Contains(type, StringComparer.Ordinal))
                types = [.. types, type];
            return new Choices(types, await Providers(staff, ct), (await settingsStore.LoadAsync(ct)).Currency);
        }

        /// <summary>The stored service, or null for an id this clinic does not have.</summary>
        public async Task<Service?> FindAsync(Guid id, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await ServiceCatalog.FindAsync(db, id);
        }
    }

    /// <summary>
    /// Adds (no id) or changes a service; not found when the id is not this clinic's. The room type is checked here,
    /// against the rooms the transaction sees: the service's own type stays allowed after its last room is gone.
    /// </summary>
    internal sealed class Handler(BookingSettings.Store settingsStore) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var db = change.Db;
            var serviceId = command.ServiceId ?? Guid.CreateVersion7();
            var resourceType = string.IsNullOrEmpty(command.ResourceType) ? null : command.ResourceType;
            if (resourceType is not null && await db.ExecuteScalarAsync<long>(
                    """
                    SELECT (SELECT count(*) FROM booking_resources WHERE tenant_id = @tenant_id AND resource_type = @resourceType)
                         + (SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id AND id = @serviceId AND resource_type = @resourceType)
                    """,
                    new { resourceType, serviceId }) == 0)
            {
                return Outcome.Invalid(nameof(Request.ResourceType), "Choose a room or equipment type from the list, or none.");
            }

            var columns = new
            {
                id = serviceId,
                category = command.Category!.Trim(),
                name = command.Name!.Trim(),
                description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
                minutes = Validator.Minutes(command.DurationMinutes),
                price = command.Amount!.Value,
                currency = (await settingsStore.LoadAsync(db, change.Cancellation)).Currency,
                before = Validator.Minutes(command.BufferBeforeMinutes),
                after = Validator.Minutes(command.BufferAfterMinutes),
                resourceType,
                online = command.OnlineBookable,
                consultation = command.ConsultationFirst,
                active = command.Active,
            };
            return await SaveAsync(change, command.ServiceId is null, serviceId, columns, command.Providers);
        }

        private static async Task<Outcome<Guid>> SaveAsync(Change change, bool isNew, Guid serviceId, object columns, IEnumerable<Guid> providers)
        {
            var db = change.Db;
            if (isNew)
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO booking_services (id, tenant_id, category, name, description, duration_minutes, price, currency,
                        buffer_before_minutes, buffer_after_minutes, resource_type, online_bookable, consultation_first, active)
                    VALUES (@id, @tenant_id, @category, @name, @description, @minutes, @price, @currency,
                        @before, @after, @resourceType, @online, @consultation, @active)
                    """,
                    columns);
            }
            else if (await db.ExecuteAsync(
                """
                UPDATE booking_services SET category = @category, name = @name, description = @description, duration_minutes = @minutes,
                    price = @price, currency = @currency, buffer_before_minutes = @before, buffer_after_minutes = @after,
                    resource_type = @resourceType, online_bookable = @online, consultation_first = @consultation, active = @active
                WHERE tenant_id = @tenant_id AND id = @id
                """,
                columns) == 0)
            {
                return Outcome.NotFound;
            }

            await db.ExecuteAsync("DELETE FROM booking_service_providers WHERE tenant_id = @tenant_id AND service_id = @serviceId", new { serviceId });
            foreach (var provider in providers)
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @serviceId, @provider)",
                    new { serviceId, provider });
            }

            change.Audit(new AuditEntry(AuditAction) { RecordId = serviceId });
            return serviceId;
        }
    }
}
