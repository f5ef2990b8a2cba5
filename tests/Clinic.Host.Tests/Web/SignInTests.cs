using System.Net;
using Clinic.BuildingBlocks.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>Staff sign-in with email and password, as a browser without JavaScript submits it.</summary>
public abstract class SignInTests(AppFixture fixture)
{
    private const string SessionCookie = "clinic.session";

    [Fact]
    public async Task A_wrong_password_is_refused_with_an_alert_and_no_session()
    {
        using var browser = fixture.App.Browser();

        var response = await SignInAsync(browser, ClinicApp.OwnerEmail, "not the password at all");
        var page = await response.PageAsync();
        var (home, _) = await browser.GetPageAsync("/start");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("do not match", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.False(response.SetsCookie(SessionCookie));
        Assert.Equal("/sign-in", home.RedirectTarget().AbsolutePath);
    }

    [Theory]
    [InlineData("", "Enter your email address.")]
    [InlineData("owner-at-clinic.test", "Enter a valid email address.")]
    public async Task A_missing_or_malformed_email_is_refused_with_the_message_next_to_the_field(string email, string message)
    {
        using var browser = fixture.App.Browser();

        var response = await SignInAsync(browser, email, ClinicApp.OwnerPassword);
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.FieldError("email"));
        Assert.Equal("true", page.GetElementById("email")?.GetAttribute("aria-invalid"));
        Assert.Null(page.FieldError("password"));
        Assert.False(response.SetsCookie(SessionCookie));
    }

    [Fact]
    public async Task The_right_password_signs_in_and_the_start_page_lists_the_menu()
    {
        using var browser = fixture.App.Browser();

        var response = await SignInAsync(browser, ClinicApp.OwnerEmail, ClinicApp.OwnerPassword);
        var (home, page) = await browser.GetPageAsync("/start");

        Assert.True(response.IsRedirect(), $"Sign-in answered {(int)response.StatusCode}.");
        Assert.Equal("/start", response.RedirectTarget().AbsolutePath);
        Assert.True(response.SetsCookie(SessionCookie));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var menu = fixture.App.Services.GetServices<MenuItem>().OrderBy(m => m.Order).Select(m => m.Title);
        Assert.Equal(menu, page.QuerySelectorAll("main .tiles a").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [InlineData(10 * 1024)]
    [InlineData(100 * 1024)]
    public async Task An_over_long_email_is_refused_with_a_4xx_never_a_500(int length)
    {
        using var browser = fixture.App.Browser();

        var response = await SignInAsync(browser, new string('a', length) + "@clinic.test", ClinicApp.OwnerPassword);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"A {length}-character email answered {(int)response.StatusCode}.");
        Assert.False(response.SetsCookie(SessionCookie));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http:evil.example")]
    public async Task A_return_url_to_another_site_never_redirects_off_site(string returnUrl)
    {
        using var browser = fixture.App.Browser();

        var response = await SignInAsync(browser, ClinicApp.OwnerEmail, ClinicApp.OwnerPassword, returnUrl);

        Assert.True(response.IsRedirect(), $"Sign-in answered {(int)response.StatusCode}.");
        Assert.Equal("localhost", response.RedirectTarget().Host);
    }

    [Fact]
    public async Task A_return_url_within_the_clinic_is_where_sign_in_leads()
    {
        using var browser = fixture.App.Browser();

        var response = await SignInAsync(browser, ClinicApp.OwnerEmail, ClinicApp.OwnerPassword, "/clients");

        Assert.Equal("/clients", response.RedirectTarget().PathAndQuery);
    }

    private static Task<HttpResponseMessage> SignInAsync(ClinicClient browser, string email, string password, string? returnUrl = null) =>
        browser.SubmitAsync(
            returnUrl is null ? "/sign-in" : "/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Email"] = email, ["Input.Password"] = password });
}

public sealed class SignInTests_on_Sqlite(SqliteApp fixture) : SignInTests(fixture), IClassFixture<SqliteApp>;

public sealed class SignInTests_on_Postgres(PostgresApp fixture) : SignInTests(fixture), IClassFixture<PostgresApp>;
