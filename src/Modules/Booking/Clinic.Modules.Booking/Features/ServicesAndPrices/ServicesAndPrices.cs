using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Services;

namespace Clinic.Modules.Booking.Features.ServicesAndPrices;

/// <summary>
/// The public services-and-prices page: the clinic's active services by category, each with a way in, either online
/// booking or, when it cannot be booked online or needs a consultation first, the consultation-request form.
/// </summary>
internal static class ServicesAndPrices
{
    public const string ConsultationPath = "/consultation";

    /// <summary>One service as a visitor sees it.</summary>
    internal sealed record Item(Guid Id, string Name, string? Description, int DurationMinutes, string Price, bool ConsultationFirst, bool Bookable)
    {
        /// <summary>Online booking's first step for this service, or the consultation form with it chosen.</summary>
        public string Link => Bookable ? OnlineBooking.OnlineBooking.Path(Id) : $"{ConsultationPath}?service={Id}";
    }

    internal sealed record Category(string Name, IReadOnlyList<Item> Services);

    internal sealed class Handler(TenantDb tenantDb, ITenantContext tenant, ITenantDirectory clinics, IStaffDirectory staff)
    {
        public async Task<IReadOnlyList<Category>> MenuAsync(CancellationToken ct)
        {
            // One read of Booking's tables: a service comes back once per provider, or once with none.
            IReadOnlyList<Row> rows;
            await using (var db = await tenantDb.ReadAsync(ct))
            {
                rows = await db.QueryAsync<Row>(
                    """
                    SELECT s.id AS Id, s.category AS Category, s.name AS Name, s.description AS Description,
                           s.duration_minutes AS DurationMinutes, s.price AS Price, s.online_bookable AS OnlineBookable,
                           s.consultation_first AS ConsultationFirst, p.provider_id AS ProviderId
                    FROM booking_services s
                    LEFT JOIN booking_service_providers p ON p.tenant_id = s.tenant_id AND p.service_id = s.id
                    WHERE s.tenant_id = @tenant_id AND s.active = TRUE
                    ORDER BY s.category, s.name, s.id
                    """);
            }

            if (rows.Count == 0)
                return [];
            var currency = (await clinics.FindAsync(tenant.Required, ct))?.Currency ?? "PKR";
            // Online booking offers a service only while someone active performs it; otherwise the visitor asks instead.
            var active = (await staff.ActiveAsync(ct)).Select(s => s.Id).ToHashSet();
            return [.. rows.GroupBy(r => r.Category, StringComparer.Ordinal).Select(category => new Category(
                category.Key,
                [.. category.GroupBy(r => r.Id).Select(service =>
                {
                    var s = service.First();
                    var bookable = s.OnlineBookable && !s.ConsultationFirst && service.Any(r => r.ProviderId is { } p && active.Contains(p));
                    return new Item(s.Id, s.Name, s.Description, s.DurationMinutes, Money.Format(s.Price, currency), s.ConsultationFirst, bookable);
                })]))];
        }
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Category { get; init; } = "";

        public string Name { get; init; } = "";

        public string? Description { get; init; }

        public int DurationMinutes { get; init; }

        public decimal Price { get; init; }

        public bool OnlineBookable { get; init; }

        public bool ConsultationFirst { get; init; }

        public Guid? ProviderId { get; init; }
    }
}
