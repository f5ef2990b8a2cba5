using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Features.OnlineBooking;

/// <summary>
/// A browser booking online, known by a random id in a strictly necessary cookie. It keeps a booking idempotent for
/// the visitor who made it (a second press of "Book" shows the same confirmation) and lets the clinic count holds per
/// browser as well as per address. The database keeps only the id's hash.
/// </summary>
internal sealed class Visitor
{
    public const string CookieName = "clinic.visitor";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly string _id;

    private Visitor(string id) => _id = id;

    public string Hash => SecretToken.Hash(_id);

    /// <summary>The browser's visitor, or null when it brings no well-formed visitor cookie.</summary>
    public static Visitor? Of(HttpContext http) =>
        http.Request.Cookies[CookieName] is { Length: 43 } id && Base64Url.IsValid(id) ? new Visitor(id) : null;

    /// <summary>The browser's visitor, given a new cookie when it has none.</summary>
    public static Visitor Ensure(HttpContext http)
    {
        if (Of(http) is { } known)
            return known;
        var id = SecretToken.Create();
        http.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
            IsEssential = true,
        });
        return new Visitor(id);
    }

    /// <summary>
    /// The secret of the manage link for an appointment this visitor books through the hold whose secret is
    /// <paramref name="holdToken"/>. Derived, not stored: the same visitor pressing "Book" again gets the same link,
    /// and anyone else with the hold's link gets another, which names no appointment.
    /// </summary>
    public string ManageToken(string holdToken) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(holdToken), Encoding.UTF8.GetBytes("manage-link:" + _id)));
}
