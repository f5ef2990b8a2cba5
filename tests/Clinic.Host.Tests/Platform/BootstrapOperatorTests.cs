using Clinic.Host.Tests.Configuration;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Platform;

/// <summary>`Clinic:Bootstrap:Operator:Email` and `:Password` create the first operator, or stop start-up if unusable.</summary>
public abstract class BootstrapOperatorTests(AppFixture fixture)
{
    [Theory]
    [InlineData(OperatedClinics.OperatorEmail, "short", "Clinic:Bootstrap:Operator:Password")]
    [InlineData(OperatedClinics.OperatorEmail, "password1234", "Clinic:Bootstrap:Operator:Password")]
    [InlineData("not-an-address", OperatedClinics.OperatorPassword, "Clinic:Bootstrap:Operator:Email")]
    public async Task An_unusable_bootstrap_operator_stops_start_up_with_one_line_naming_the_key(string email, string password, string key)
    {
        await using var database = await TestDatabase.CreateAsync(fixture.Provider);
        using var host = new HostProcess();

        var exit = await host.RunAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Clinic__Edition"] = "MultiTenant",
                ["Clinic__Database__Provider"] = database.Provider.ToString(),
                ["ConnectionStrings__Clinic"] = database.ConnectionString,
                ["ConnectionStrings__ClinicOwner"] = database.OwnerConnectionString,
                ["Clinic__Bootstrap__Operator__Email"] = email,
                ["Clinic__Bootstrap__Operator__Password"] = password,
            },
            "--urls",
            "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        Assert.Contains(key, Assert.Single(exit.ErrorLines), StringComparison.Ordinal);
    }
}

public sealed class BootstrapOperatorTests_on_Sqlite(SqliteApp fixture) : BootstrapOperatorTests(fixture), IClassFixture<SqliteApp>;

public sealed class BootstrapOperatorTests_on_Postgres(PostgresApp fixture) : BootstrapOperatorTests(fixture), IClassFixture<PostgresApp>;
