using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Clinic.Host.Tests.TwoFactor.TwoFactorBrowser;

namespace Clinic.Host.Tests.DataProtection;

/// <summary>
/// Two hosts on one database share one Data Protection key ring, kept in that database: what one protects (an
/// authenticator key, a session cookie) the other reads, and a host that starts on an existing ring adds no key.
/// </summary>
public abstract class SharedKeyRingTests(AppFixture fixture)
{
    private const string SessionCookie = "clinic.session";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Two_factor_set_up_on_one_host_signs_in_through_another_with_a_key_kept_in_the_database()
    {
        var (email, key, _) = await App.EnrolledStaffAsync();
        await using var other = await StartAnotherHostAsync();
        using var browser = other.Browser();

        var password = await browser.PasswordAsync(email);
        var code = await browser.CodeAsync(CodeNow(App.Clock, key, stepsAhead: 1));
        var keyUsed = await KeyIdOfAuthenticatorSecretAsync(email);

        Assert.Equal(CodePath, password.RedirectTarget().AbsolutePath);
        Assert.True(code.IsRedirect());
        Assert.True(code.SetsCookie(SessionCookie));
        Assert.Contains($"key-{keyUsed:D}", await StoredKeysAsync());
    }

    [Fact]
    public async Task A_session_cookie_issued_by_one_host_is_accepted_by_another()
    {
        var email = await App.NewStaffAsync();
        using var browser = App.Browser();
        var signIn = await browser.PasswordAsync(email);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal)).Split(';')[0];
        await using var other = await StartAnotherHostAsync();
        using var client = other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/account/sessions");
        withCookie.Headers.Add("Cookie", cookie);
        withCookie.Headers.Accept.ParseAdd("text/html");
        var accepted = await client.SendAsync(withCookie);
        using var withoutCookie = new HttpRequestMessage(HttpMethod.Get, "/account/sessions");
        withoutCookie.Headers.Accept.ParseAdd("text/html");
        var refused = await client.SendAsync(withoutCookie);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(refused.IsRedirect());
    }

    [Fact]
    public async Task A_host_started_on_an_existing_key_ring_uses_it_and_creates_no_key()
    {
        var (first, _, _) = await App.EnrolledStaffAsync();
        var keysBefore = await StoredKeysAsync();

        await using var other = await StartAnotherHostAsync();
        var (second, _, _) = await other.EnrolledStaffAsync();
        var keysAfter = await StoredKeysAsync();

        Assert.NotEmpty(keysBefore);
        Assert.Equal(keysBefore, keysAfter);
        Assert.Equal(await KeyIdOfAuthenticatorSecretAsync(first), await KeyIdOfAuthenticatorSecretAsync(second));
    }

    private async Task<ClinicApp> StartAnotherHostAsync()
    {
        var other = new ClinicApp(App.Database);
        other.Clock.SetUtcNow(App.Clock.GetUtcNow());
        try
        {
            _ = other.Server;
            return other;
        }
        catch
        {
            await other.DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<string>> StoredKeysAsync()
    {
        await using var db = await App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(null, write: false, default);
        return await db.QueryAsync<string>("SELECT friendly_name FROM clinic_data_protection_keys ORDER BY created_at, id");
    }

    /// <summary>A protected payload names its key: after a four-byte header come the sixteen bytes of the key's id.</summary>
    private async Task<Guid> KeyIdOfAuthenticatorSecretAsync(string email)
    {
        var secret = await App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            """
            SELECT t.secret FROM accounts_two_factor t JOIN accounts_staff s ON s.tenant_id = t.tenant_id AND s.id = t.staff_id
            WHERE t.tenant_id = @tenant_id AND s.email = @email
            """,
            new { email }));
        return new Guid(WebEncoders.Base64UrlDecode(secret!).AsSpan(4, 16));
    }
}

public sealed class SharedKeyRingTests_on_Sqlite(SqliteApp fixture) : SharedKeyRingTests(fixture), IClassFixture<SqliteApp>;

public sealed class SharedKeyRingTests_on_Postgres(PostgresApp fixture) : SharedKeyRingTests(fixture), IClassFixture<PostgresApp>;
