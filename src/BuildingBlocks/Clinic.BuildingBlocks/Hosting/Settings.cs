using System.Globalization;
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

    public static int ParseCount(IConfiguration configuration, string key, int defaultValue, int min, int max)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
            return defaultValue;
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ClinicConfigurationException(key, $"a whole number from {min} to {max} (got \"{raw}\")");
    }

    /// <summary>A duration written as <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>, within the given bounds.</summary>
    public static TimeSpan ParseDuration(IConfiguration configuration, string key, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
            return defaultValue;
        return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ClinicConfigurationException(key, $"a duration such as {defaultValue:c}, from {min:c} to {max:c} (got \"{raw}\")");
    }
}
