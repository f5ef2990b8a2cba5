using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Clinic.BuildingBlocks.Audit;

/// <summary>Who is making the current request and from where, as the audit trail records it; empty outside a request.</summary>
public sealed class AuditContext(IHttpContextAccessor accessor)
{
    /// <summary>User-Agent strings can be long and are attacker-chosen; this keeps enough to tell devices apart.</summary>
    public const int DeviceLength = 200;

    public AuditActor? Actor
    {
        get
        {
            var user = accessor.HttpContext?.User;
            return Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
                ? new AuditActor(id, user!.FindFirstValue(ClaimTypes.Name) ?? "")
                : null;
        }
    }

    public string? Ip => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? Device => Truncate(accessor.HttpContext?.Request.Headers.UserAgent.ToString());

    private static string? Truncate(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (value.Length <= DeviceLength)
            return value;
        // Never cut a surrogate pair in half: the stored text must be exactly the text that was hashed.
        var length = char.IsHighSurrogate(value[DeviceLength - 1]) ? DeviceLength - 1 : DeviceLength;
        return value[..length];
    }
}
