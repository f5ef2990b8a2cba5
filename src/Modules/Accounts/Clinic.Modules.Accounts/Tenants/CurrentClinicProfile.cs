using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Accounts.Tenants;

/// <summary>
/// The request's clinic profile, read from the database once per request (scoped): the home page, the footer and the
/// policy page may all ask for it while rendering one response.
/// </summary>
internal sealed class CurrentClinicProfile(TenantDb tenantDb, ITenantContext tenant) : IClinicProfile
{
    private ClinicProfile? _current;

    public async Task<ClinicProfile> CurrentAsync(CancellationToken ct)
    {
        if (_current is not null)
            return _current;
        if (tenant.TenantId is null)
            return ClinicProfile.Empty("Clinic");

        await using var db = await tenantDb.ReadAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT t.name AS Name, p.tagline AS Tagline, p.about AS About, p.address AS Address, p.map_link AS MapLink,
                p.phone AS Phone, p.email AS Email, p.whatsapp AS WhatsApp, p.whatsapp_widget AS WhatsAppWidget,
                p.instagram AS Instagram, p.facebook AS Facebook, p.tiktok AS TikTok, p.youtube AS YouTube
            FROM accounts_tenants t
            LEFT JOIN accounts_clinic_profiles p ON p.tenant_id = t.id
            WHERE t.id = @tenant_id
            """);
        if (row is null)
            return ClinicProfile.Empty("Clinic");
        var hours = await db.QueryAsync<HoursRow>(
            "SELECT weekday AS Weekday, opens_minute AS Opens, closes_minute AS Closes FROM accounts_opening_hours WHERE tenant_id = @tenant_id");

        _current = new ClinicProfile(
            row.Name,
            row.Tagline,
            row.About,
            row.Address,
            Link(row.MapLink),
            row.Phone,
            row.Email,
            row.WhatsApp,
            row.WhatsAppWidget ?? false,
            // Monday first, as the clinic's week is shown.
            [.. hours.OrderBy(h => (h.Weekday + 6) % 7).Select(h => new OpeningHours((DayOfWeek)h.Weekday, Time(h.Opens), Time(h.Closes)))],
            [.. Social(("Instagram", row.Instagram), ("Facebook", row.Facebook), ("TikTok", row.TikTok), ("YouTube", row.YouTube))]);
        return _current;
    }

    private static IEnumerable<SocialLink> Social(params (string Network, string? Url)[] links) =>
        links.Where(l => Link(l.Url) is not null).Select(l => new SocialLink(l.Network, Link(l.Url)!));

    private static Uri? Link(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var link) ? link : null;

    private static TimeOnly Time(int minutes) => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes));

    private sealed class Row
    {
        public string Name { get; init; } = "";

        public string? Tagline { get; init; }

        public string? About { get; init; }

        public string? Address { get; init; }

        public string? MapLink { get; init; }

        public string? Phone { get; init; }

        public string? Email { get; init; }

        public string? WhatsApp { get; init; }

        public bool? WhatsAppWidget { get; init; }

        public string? Instagram { get; init; }

        public string? Facebook { get; init; }

        public string? TikTok { get; init; }

        public string? YouTube { get; init; }
    }

    private sealed class HoursRow
    {
        public int Weekday { get; init; }

        public int Opens { get; init; }

        public int Closes { get; init; }
    }
}
