namespace Clinic.BuildingBlocks.Hosting;

/// <summary>A setting that stops start-up; its message is one line naming the key and what it expects.</summary>
public sealed class ClinicConfigurationException(string key, string expected)
    : Exception($"Configuration error: {key} must be {expected}.")
{
    public string Key { get; } = key;
}
