using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Booking.Availability;

namespace Clinic.Modules.Booking.Services;

/// <summary>One treatment on the clinic's menu, with who may perform it.</summary>
internal sealed record Service(
    Guid Id,
    string Category,
    string Name,
    string? Description,
    int DurationMinutes,
    decimal Price,
    string Currency,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    string? ResourceType,
    bool Active,
    bool OnlineBookable,
    bool ConsultationFirst,
    IReadOnlyList<Guid> Providers)
{
    public ServiceNeeds Needs => new(Id, DurationMinutes, BufferBeforeMinutes, BufferAfterMinutes, ResourceType, Providers);
}

/// <summary>Reads the clinic's services inside the caller's transaction.</summary>
internal static class ServiceCatalog
{
    // A clinic's menu is tens of services, so one read of all of them serves a lookup by id as well.
    public static async Task<Service?> FindAsync(DbSession db, Guid id) =>
        (await ListAsync(db)).SingleOrDefault(s => s.Id == id);

    /// <summary>Every service, active or not, by category and name.</summary>
    public static async Task<List<Service>> ListAsync(DbSession db)
    {
        var rows = await db.QueryAsync<Row>(
            """
            SELECT id AS Id, category AS Category, name AS Name, description AS Description, duration_minutes AS DurationMinutes,
                   price AS Price, currency AS Currency, buffer_before_minutes AS BufferBeforeMinutes, buffer_after_minutes AS BufferAfterMinutes,
                   resource_type AS ResourceType, active AS Active, online_bookable AS OnlineBookable, consultation_first AS ConsultationFirst
            FROM booking_services
            WHERE tenant_id = @tenant_id
            ORDER BY category, name
            """);
        var providers = (await db.QueryAsync<ProviderRow>(
                "SELECT service_id AS ServiceId, provider_id AS ProviderId FROM booking_service_providers WHERE tenant_id = @tenant_id"))
            .ToLookup(p => p.ServiceId, p => p.ProviderId);
        return [.. rows.Select(r => new Service(
            r.Id, r.Category, r.Name, r.Description, r.DurationMinutes, r.Price, r.Currency, r.BufferBeforeMinutes, r.BufferAfterMinutes,
            r.ResourceType, r.Active, r.OnlineBookable, r.ConsultationFirst, [.. providers[r.Id].Order()]))];
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Category { get; init; } = "";

        public string Name { get; init; } = "";

        public string? Description { get; init; }

        public int DurationMinutes { get; init; }

        public decimal Price { get; init; }

        public string Currency { get; init; } = "";

        public int BufferBeforeMinutes { get; init; }

        public int BufferAfterMinutes { get; init; }

        public string? ResourceType { get; init; }

        public bool Active { get; init; }

        public bool OnlineBookable { get; init; }

        public bool ConsultationFirst { get; init; }
    }

    private sealed class ProviderRow
    {
        public Guid ServiceId { get; init; }

        public Guid ProviderId { get; init; }
    }
}
