using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>An operator's own numbers: three failures within two minutes lock the account for ten.</summary>
public abstract class ConfiguredLockoutTests(ConfiguredLockout fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_configured_number_of_failures_locks_the_account()
    {
        var email = await App.NewStaffAsync();

        await App.FailAsync(email, 3);
        var right = await App.SignInAsync(email, SignInAttempts.Password);

        Assert.Equal(HttpStatusCode.BadRequest, right.Status);
        Assert.False(right.SignedIn);
    }

    [Fact]
    public async Task The_account_stays_locked_for_the_configured_duration_and_no_longer()
    {
        var email = await App.NewStaffAsync();
        await App.FailAsync(email, 3);

        fixture.Clock.Advance(TimeSpan.FromMinutes(9));
        var during = await App.SignInAsync(email, SignInAttempts.Password);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var after = await App.SignInAsync(email, SignInAttempts.Password);

        Assert.False(during.SignedIn);
        Assert.True(after.SignedIn, $"After the lockout, sign-in answered {(int)after.Status}: {after.Alert}");
    }

    [Fact]
    public async Task Failures_further_apart_than_the_configured_window_do_not_lock()
    {
        var email = await App.NewStaffAsync();

        foreach (var _ in Enumerable.Range(0, 4))
        {
            await App.FailAsync(email, 1);
            fixture.Clock.Advance(TimeSpan.FromMinutes(1.1));
        }

        var right = await App.SignInAsync(email, SignInAttempts.Password);

        Assert.True(right.SignedIn, $"Sign-in answered {(int)right.Status}: {right.Alert}");
    }
}

public abstract class ConfiguredLockout(DatabaseProvider provider) : AppFixture(provider)
{
    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:SignIn:MaxFailedAttempts"] = "3",
            ["Clinic:SignIn:FailureWindow"] = "00:02:00",
            ["Clinic:SignIn:LockoutDuration"] = "00:10:00",
        });
}

public sealed class ConfiguredLockoutOnSqlite() : ConfiguredLockout(DatabaseProvider.Sqlite);

public sealed class ConfiguredLockoutOnPostgres() : ConfiguredLockout(DatabaseProvider.Postgres);

public sealed class ConfiguredLockoutTests_on_Sqlite(ConfiguredLockoutOnSqlite fixture) : ConfiguredLockoutTests(fixture), IClassFixture<ConfiguredLockoutOnSqlite>;

public sealed class ConfiguredLockoutTests_on_Postgres(ConfiguredLockoutOnPostgres fixture) : ConfiguredLockoutTests(fixture), IClassFixture<ConfiguredLockoutOnPostgres>;
