using Microsoft.Extensions.Configuration;

namespace Clinic.BuildingBlocks.Hosting;

/// <summary>Reads typed settings and fails with the key's name instead of a binder stack trace.</summary>
public static class Settings
{
    public static TEnum ParseEnum<TEnum>(IConfiguration configuration, string key, TEnum defaultValue)
        where TEnum : struct, Enum
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
            return defaultValue;
        if (Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(raw, out _))
            return value;
        throw new ClinicConfigurationException(key, "one of " + string.Join(", ", Enum.GetNames<TEnum>()) + $" (got \"{raw}\")");
    }

    public static bool ParseBool(IConfiguration configuration, string key, bool defaultValue)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
            return defaultValue;
        return bool.TryParse(raw, out var value)
            ? value
            : throw new ClinicConfigurationException(key, $"true or false (got \"{raw}\")");
    }
}
