using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Accounts.Devices;

/// <summary>
/// Recognises the browsers each person signs in from by a random cookie, kept on the server only as a hash. A sign-in
/// from a browser the person has not used before announces <see cref="NewDeviceSignedIn"/>, so Messaging can alert them.
/// </summary>
internal sealed class KnownDevices(AuditContext context, TimeProvider time)
{
    public const string CookieName = "clinic.device";
    public const string NewDeviceAction = "signin.new_device";

    // Browsers cap cookie lifetimes at 400 days.
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    /// <summary>The browser's device token, given one (and the cookie renewed) before the sign-in's transaction, which may run again.</summary>
    public static string TokenOf(HttpContext http)
    {
        var token = http.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            token = SecretToken.Create();
        Remember(http, token);
        return token;
    }

    public async Task RecogniseAsync(Change change, string token, SignedIn who)
    {
        var hash = SecretToken.Hash(token);
        var known = await change.Db.QueryAsync<string>(
            "SELECT device_hash FROM accounts_known_devices WHERE tenant_id = @tenant_id AND subject_id = @subject",
            new { subject = who.HolderId });
        if (known.Contains(hash, StringComparer.Ordinal))
            return;

        var now = time.GetUtcNow();
        await change.Db.ExecuteAsync(
            "INSERT INTO accounts_known_devices (tenant_id, subject_id, device_hash, first_seen_at) VALUES (@tenant_id, @subject, @hash, @now)",
            new { subject = who.HolderId, hash, now });
        // The very first sign-in has no earlier device to compare with; alerting then would only teach people to ignore alerts.
        if (known.Count == 0)
            return;

        change.Publish(new NewDeviceSignedIn(who.HolderId, who.Audience, who.Email, who.Name, context.Device, context.Ip, now));
        change.Audit(new AuditEntry(NewDeviceAction) { Actor = new AuditActor(who.HolderId, who.Name), RecordId = who.HolderId });
    }

    private static void Remember(HttpContext http, string token) =>
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
            IsEssential = true,
        });
}

/// <summary>Who just signed in: a staff member or a client account.</summary>
internal sealed record SignedIn(Guid HolderId, string Audience, string Email, string Name)
{
    public const string Staff = "staff";
    public const string Client = "client";
}
