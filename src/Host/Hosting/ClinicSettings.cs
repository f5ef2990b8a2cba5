using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Host.Hosting;

/// <summary>What distinguishes the two editions: configuration only, validated before anything starts.</summary>
internal sealed record ClinicSettings(Edition Edition, DatabaseSettings Database, bool JobsEnabled, bool Demo)
{
    public const string EditionKey = "Clinic:Edition";
}

internal static class ClinicSettingsExtensions
{
    public static ClinicSettings AddClinicSettings(this WebApplicationBuilder builder, StartupCommand command)
    {
        var configuration = builder.Configuration;
        var settings = new ClinicSettings(
            Settings.ParseEnum(configuration, ClinicSettings.EditionKey, Edition.SingleClinic),
            DatabaseSettings.From(configuration, builder.Environment.ContentRootPath),
            Settings.ParseBool(configuration, "Clinic:Jobs:Enabled", defaultValue: true),
            command.Demo || Settings.ParseBool(configuration, "Clinic:Demo", defaultValue: false));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        builder.Services.AddSingleton(new EditionSettings(settings.Edition, PlatformHost(configuration[EditionSettings.PlatformHostKey])));
        builder.Services.AddSingleton(OutboundAddresses.From(configuration, settings.Edition));
        return settings;
    }

    // A bare host name, as browsers send it in Host: "platform.clinic.test", not a URL.
    private static string? PlatformHost(string? configured)
    {
        var host = configured?.Trim();
        if (string.IsNullOrEmpty(host))
            return null;
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
            throw new ClinicConfigurationException(EditionSettings.PlatformHostKey, $"a host name such as platform.example.com, without scheme or port (got \"{host}\")");
        return host.ToLowerInvariant();
    }
}
