using System.Text.Json;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>
/// <c>Logging:Console:FormatterName</c> chooses the console's format: <c>json</c>, the default, gives one JSON object
/// a line for a log store; here it overrides Development's plain lines.
/// </summary>
public sealed class JsonLogsTests(DevelopmentClinicLoggingJson clinic) : IClassFixture<DevelopmentClinicLoggingJson>
{
    [Fact]
    public void A_host_told_to_log_json_writes_its_start_up_as_json_lines()
    {
        var messages = clinic.OutputLines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString());

        Assert.Contains(messages, m => m?.StartsWith("Application started", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(clinic.OutputLines, l => l.Contains("info: ", StringComparison.Ordinal));
    }
}

/// <summary>The build under test started in Development, whose appsettings ask for plain lines, with the setting for JSON.</summary>
public sealed class DevelopmentClinicLoggingJson : RunningFolder
{
    public override string AppFolder => AppContext.BaseDirectory;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Logging__Console__FormatterName"] = "json",
        ["ConnectionStrings__Clinic"] = $"Data Source={Path.Combine(WorkingFolder, "clinic.db")}",
    };
}
