using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.ManageResources;

/// <summary>The owner lists the clinic's rooms and equipment; a service that needs a type books one that is free.</summary>
internal static class ManageResources
{
    public const string AuditAction = "booking.resource.saved";
    public static readonly string[] Kinds = ["room", "equipment"];

    internal sealed class Request
    {
        /// <summary>The resource to change, from the route (never the form); none for a new one.</summary>
        public Guid? ResourceId { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; }

        /// <summary>Free text that services refer to, e.g. "Laser room".</summary>
        public string? ResourceType { get; set; }

        public bool Active { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter a name, e.g. Treatment room 2.").SingleLine("Name", 80);
            RuleFor(r => r.Kind).Must(k => Kinds.Contains(k, StringComparer.Ordinal)).WithMessage("Choose room or equipment.");
            RuleFor(r => r.ResourceType).NotEmpty().WithMessage("Enter the type services ask for, e.g. Laser room.").SingleLine("Type", 60);
        }
    }

    internal sealed class Resource
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Kind { get; init; } = "";

        public string ResourceType { get; init; } = "";

        public bool Active { get; init; }
    }

    internal sealed class Form(TenantDb tenantDb)
    {
        private const string Select = "SELECT id AS Id, name AS Name, kind AS Kind, resource_type AS ResourceType, active AS Active FROM booking_resources";

        public async Task<IReadOnlyList<Resource>> ListAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QueryAsync<Resource>($"{Select} WHERE tenant_id = @tenant_id ORDER BY resource_type, name");
        }

        public async Task<Request?> FindAsync(Guid id, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QuerySingleOrDefaultAsync<Request>(
                "SELECT id AS ResourceId, name AS Name, kind AS Kind, resource_type AS ResourceType, active AS Active FROM booking_resources WHERE tenant_id = @tenant_id AND id = @id",
                new { id });
        }
    }

    /// <summary>Adds (no id) or changes a resource; not found when the id is not this clinic's.</summary>
    internal sealed class Handler : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var columns = new
            {
                id = command.ResourceId ?? Guid.CreateVersion7(),
                name = command.Name!.Trim(),
                kind = command.Kind,
                type = command.ResourceType!.Trim(),
                active = command.Active,
            };
            var saved = command.ResourceId is null
                ? await change.Db.ExecuteAsync(
                    "INSERT INTO booking_resources (id, tenant_id, name, kind, resource_type, active) VALUES (@id, @tenant_id, @name, @kind, @type, @active)", columns)
                : await change.Db.ExecuteAsync(
                    "UPDATE booking_resources SET name = @name, kind = @kind, resource_type = @type, active = @active WHERE tenant_id = @tenant_id AND id = @id", columns);
            if (saved == 0)
                return Outcome.NotFound;

            change.Audit(new AuditEntry(AuditAction) { RecordId = columns.id });
            return columns.id;
        }
    }
}
