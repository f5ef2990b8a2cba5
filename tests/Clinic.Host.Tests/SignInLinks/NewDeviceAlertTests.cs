using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.SignInLinks;

/// <summary>A sign-in from a browser the person has not used before leaves a security alert in the outbox for Messaging.</summary>
public abstract class NewDeviceAlertTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Only_a_sign_in_from_a_new_browser_raises_an_alert()
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, Password);
        using var desk = App.Browser();
        using var laptop = App.Browser();
        laptop.Http.DefaultRequestHeaders.UserAgent.ParseAdd("LaptopBrowser/1.0");

        await desk.SignInAsync(email, Password);
        var afterFirst = await App.EventsAsync<NewDeviceSignedIn>(email);
        await SignOutAsync(desk);
        await desk.SignInAsync(email, Password);
        var afterSameBrowser = await App.EventsAsync<NewDeviceSignedIn>(email);
        await laptop.SignInAsync(email, Password);
        var afterNewBrowser = await App.EventsAsync<NewDeviceSignedIn>(email);

        Assert.Empty(afterFirst);
        Assert.Empty(afterSameBrowser);
        var alert = Assert.Single(afterNewBrowser);
        Assert.Equal("LaptopBrowser/1.0", alert.GetProperty("device").GetString());
        Assert.Equal("staff", alert.GetProperty("audience").GetString());
    }

    [Fact]
    public async Task The_device_cookie_is_kept_only_as_a_hash()
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, Password);
        using var browser = App.Browser();
        var response = await browser.SubmitAsync("/sign-in", StaffManagement.StaffForms.Fields(("Input.Email", email), ("Input.Password", Password)));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clinic.device=", StringComparison.Ordinal));
        var token = cookie.Split(';')[0]["clinic.device=".Length..];

        var stored = await App.InClinicAsync(db => db.QueryAsync<string>("SELECT device_hash FROM accounts_known_devices WHERE tenant_id = @tenant_id"));

        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, stored);
        Assert.Contains(SecretToken.Hash(Uri.UnescapeDataString(token)), stored);
    }

    private static Task<HttpResponseMessage> SignOutAsync(ClinicClient browser) =>
        browser.SubmitAsync("/start", new Dictionary<string, string>(StringComparer.Ordinal), "form[action='/sign-out']");
}

public sealed class NewDeviceAlertTests_on_Sqlite(SqliteApp fixture) : NewDeviceAlertTests(fixture), IClassFixture<SqliteApp>;

public sealed class NewDeviceAlertTests_on_Postgres(PostgresApp fixture) : NewDeviceAlertTests(fixture), IClassFixture<PostgresApp>;
