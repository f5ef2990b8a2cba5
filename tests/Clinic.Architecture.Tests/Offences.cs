using Xunit;

namespace Clinic.Architecture.Tests;

internal static class Offences
{
    /// <summary>Fails listing every offence in full, one a line; Assert.Empty would cut them short.</summary>
    public static void AssertNone(IReadOnlyCollection<string> offences) =>
        Assert.True(offences.Count == 0, $"{offences.Count} offence(s):{Environment.NewLine}{string.Join(Environment.NewLine, offences)}");
}
