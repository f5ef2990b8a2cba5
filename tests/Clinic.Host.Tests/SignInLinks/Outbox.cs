using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.SignInLinks;

/// <summary>Events waiting in the Accounts outbox for Messaging, read as the JSON they are stored as.</summary>
internal static class Outbox
{
    public static async Task<IReadOnlyList<JsonElement>> EventsAsync<TEvent>(this ClinicApp app, string email)
        where TEvent : IntegrationEvent
    {
        var payloads = await app.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM accounts_outbox WHERE tenant_id = @tenant_id AND type = @type ORDER BY occurred_at",
            new { type = EventNames.Of<TEvent>() }));
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(p => string.Equals(p.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The path of the newest sign-in link emailed to the address.</summary>
    public static async Task<string> SignInLinkAsync(this ClinicApp app, string email)
    {
        var links = await app.EventsAsync<global::Clinic.Modules.Accounts.Contracts.SignInLinkRequested>(email);
        return new Uri(app.OpenLink(links[^1].GetProperty("signInUrl"))).AbsolutePath;
    }
}
