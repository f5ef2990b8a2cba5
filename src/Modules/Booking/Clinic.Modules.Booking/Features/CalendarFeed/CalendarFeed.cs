using System.Globalization;
using System.Text;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Clinic.Modules.Booking.Features.CalendarFeed;

/// <summary>
/// A provider's appointments as an iCalendar subscription (RFC 5545), opened by the secret in the URL. Calendar apps
/// cannot sign in, so the token is the only key: unknown and revoked tokens answer 404 alike. Events carry the client's
/// initials and the service, never the full name, contact details or notes, because the feed leaves the clinic.
/// </summary>
internal static class CalendarFeed
{
    public const string Route = "/calendar/{token}.ics";

    /// <summary>Each fetch shows clients' initials, so each is audited; the provider is the record, since one feed spans many clients.</summary>
    public const string AuditAction = "calendar.feed.read";

    /// <summary>Keeps UIDs stable across deployments and host names (RFC 5545 §3.8.4.7).</summary>
    public const string UidDomain = "calendar.clinic.app";

    public static readonly TimeSpan Past = TimeSpan.FromDays(30);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(366);

    // A token is 43 characters; anything much longer is not one, and is not worth hashing.
    public const int MaxTokenLength = 100;

    internal sealed class Row
    {
        public Guid Id { get; init; }

        public Guid ClientId { get; init; }

        public string Service { get; init; } = "";

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset EndsAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public int Sequence { get; init; }

        public string Status { get; init; } = "";
    }

    internal sealed class Feed
    {
        public Guid ProviderId { get; init; }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, async (string token, HttpContext http, Handler handler) =>
            {
                var body = await handler.HandleAsync(token, http.RequestAborted);
                if (body is null)
                    return Results.NotFound();
                // Client initials: a shared proxy must not keep them.
                http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
                return Results.Text(body, "text/calendar; charset=utf-8", Encoding.UTF8);
            })
            .Anonymous()
            .RequireRateLimiting(CalendarFeedPerToken.Policy)
            .ExcludeFromDescription();

    internal sealed class Handler(UnitOfWork work, ITenantContext tenant, ITenantDirectory clinics, IClientDirectory clients, TimeProvider time)
    {
        /// <summary>The calendar text, or null when the token is not a live feed of this clinic.</summary>
        public async Task<string?> HandleAsync(string token, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
                return null;
            var now = time.GetUtcNow();
            var rows = await work.ReadAsync<IReadOnlyList<Row>?>(
                async change =>
                {
                    var db = change.Db;
                    var feed = await db.QuerySingleOrDefaultAsync<Feed>(
                        "SELECT provider_id AS ProviderId FROM booking_calendar_feeds WHERE tenant_id = @tenant_id AND token_hash = @hash AND revoked_at IS NULL",
                        new { hash = SecretToken.Hash(token) });
                    if (feed is null)
                        return null;
                    change.Audit(new AuditEntry(AuditAction) { RecordId = feed.ProviderId });
                    return await db.QueryAsync<Row>(
                        """
                        SELECT a.id AS Id, a.client_id AS ClientId, s.name AS Service, a.starts_at AS StartsAt, a.ends_at AS EndsAt,
                               a.updated_at AS UpdatedAt, a.sequence AS Sequence, a.status AS Status
                        FROM booking_appointments a
                        JOIN booking_services s ON s.id = a.service_id AND s.tenant_id = a.tenant_id
                        WHERE a.tenant_id = @tenant_id AND a.provider_id = @provider AND a.status <> 'Held'
                          AND a.starts_at >= @from AND a.starts_at < @to
                        ORDER BY a.starts_at
                        """,
                        new { provider = feed.ProviderId, from = now - Past, to = now + Ahead });
                },
                ct);
            if (rows is null)
                return null;

            var clinic = await clinics.FindAsync(tenant.Required, ct);
            var initials = (await clients.NamesAsync([.. rows.Select(r => r.ClientId)], ct)).ToDictionary(n => n.Key, n => Initials(n.Value));
            return Write(clinic?.Name ?? "Clinic", rows, initials);
        }
    }

    internal static string Write(string clinicName, IReadOnlyList<Row> rows, IReadOnlyDictionary<Guid, string> initials)
    {
        var ics = new IcsWriter()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", "-//Clinic//Appointments//EN")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", $"{clinicName} appointments");
        foreach (var row in rows)
        {
            ics.Raw("BEGIN", "VEVENT")
                .Text("UID", $"{row.Id}@{UidDomain}")
                .Utc("DTSTAMP", row.UpdatedAt)
                .Utc("DTSTART", row.StartsAt)
                .Utc("DTEND", row.EndsAt)
                .Raw("SEQUENCE", row.Sequence.ToString(CultureInfo.InvariantCulture))
                .Text("SUMMARY", $"{initials.GetValueOrDefault(row.ClientId, "?")} – {row.Service}")
                .Raw("STATUS", row.Status switch
                {
                    "Requested" => "TENTATIVE",
                    "Cancelled" => "CANCELLED",
                    _ => "CONFIRMED",
                })
                .Raw("TRANSP", row.Status == "Cancelled" ? "TRANSPARENT" : "OPAQUE")
                .Raw("END", "VEVENT");
        }

        return ics.Raw("END", "VCALENDAR").ToString();
    }

    /// <summary>"Sana Malik" → "S.M.": the first letters of the first and last words of the name.</summary>
    internal static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => "?",
            1 => Initial(words[0]),
            _ => Initial(words[0]) + Initial(words[^1]),
        };
    }

    private static string Initial(string word) =>
        word[..(char.IsHighSurrogate(word[0]) && word.Length > 1 ? 2 : 1)].ToUpperInvariant() + ".";
}
