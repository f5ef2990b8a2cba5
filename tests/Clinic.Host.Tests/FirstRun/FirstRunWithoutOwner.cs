using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;

namespace Clinic.Host.Tests.FirstRun;

/// <summary>A first run with no bootstrap owner configured: the clinic exists, nobody can sign in yet.</summary>
public abstract partial class FirstRunWithoutOwner(DatabaseProvider provider) : AppFixture(provider)
{
    public RecordedLog Log => ((RecordingClinicApp)App).Log;

    /// <summary>Every setup link the app printed.</summary>
    public IReadOnlyList<Uri> SetupLinks => [.. Log.Lines.SelectMany(l => SetupLink().Matches(l)).Select(m => new Uri(m.Value))];

    protected override ClinicApp Create(TestDatabase database) =>
        new RecordingClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:Bootstrap:OwnerEmail"] = "",
            ["Clinic:Bootstrap:OwnerPassword"] = "",
        });

    [GeneratedRegex(@"https?://\S+/setup/[A-Za-z0-9_\-]+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SetupLink();
}

public sealed class FirstRunWithoutOwnerOnSqlite() : FirstRunWithoutOwner(DatabaseProvider.Sqlite);

public sealed class FirstRunWithoutOwnerOnPostgres() : FirstRunWithoutOwner(DatabaseProvider.Postgres);
