using System.Text.Json;
using Clinic.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Testing;

/// <summary>
/// Links that events carry sealed (ADR 0018), opened as Messaging opens them to send: a test that needs a link the
/// email would carry reads it from the event waiting in the outbox.
/// </summary>
public static class SealedLinks
{
    /// <summary>The link in an event's property, as its outbox payload stores it.</summary>
    public static string OpenLink(this ClinicApp app, JsonElement sealedLink) =>
        app.OpenLink(sealedLink.Deserialize<SealedSecret>() ?? throw new InvalidOperationException("The link was erased: the event was delivered."));

    public static string OpenLink(this ClinicApp app, SealedSecret sealedLink) =>
        app.Services.GetRequiredService<SecretSeal>().Open(sealedLink);
}
