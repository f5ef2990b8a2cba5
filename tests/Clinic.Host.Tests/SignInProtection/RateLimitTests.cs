using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>
/// Over the limit, sign-in answers 429 with Retry-After. The limits live in memory, not the database, so one
/// provider is enough; each test has its own app so the counts start at zero.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Posts_from_one_address_over_the_limit_get_429_with_retry_after_and_a_readable_page()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var app = new ClinicApp(database, Settings("Clinic:RateLimits:SignInPerIp", 3));

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            allowed.Add((await app.SignInAsync($"person{i}@clinic.test", "not the password")).Status);
        var over = await app.SignInAsync("someone.else@clinic.test", "not the password");
        using var browser = app.Browser();
        var (form, _) = await browser.GetPageAsync("/sign-in");
        var page = await over.Response.PageAsync();

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.Status);
        var retryAfter = over.Response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("Too many sign-in attempts", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.False(over.SignedIn);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Attempts_at_one_account_over_the_limit_get_429_while_other_accounts_still_answer()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var app = new ClinicApp(database, Settings("Clinic:RateLimits:SignInPerAccount", 2));

        var first = await app.SignInAsync(ClinicApp.OwnerEmail, "not the password");
        var second = await app.SignInAsync(ClinicApp.OwnerEmail.ToUpperInvariant(), "not the password");
        var third = await app.SignInAsync(ClinicApp.OwnerEmail, ClinicApp.OwnerPassword);
        var other = await app.SignInAsync("someone.else@clinic.test", "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.False(third.SignedIn);
        Assert.NotNull(third.Response.Headers.RetryAfter?.Delta);
        Assert.StartsWith("Too many sign-in attempts for this account.", third.Alert, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
    }

    private static Dictionary<string, string?> Settings(string key, int limit) => new(StringComparer.Ordinal)
    {
        [key + ":PermitLimit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [key + ":Window"] = "00:01:00",
    };
}
