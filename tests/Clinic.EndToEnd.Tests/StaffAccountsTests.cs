using System.Text.RegularExpressions;
using Clinic.EndToEnd.Tests.Browser;
using Clinic.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>
/// The Accounts module's main flow in two browsers: the owner invites a receptionist, who joins, turns on two-factor
/// sign-in and signs in with a code; the audit trail is the owner's alone, and it shows that sign-in.
/// </summary>
public abstract partial class StaffAccountsTests(ServedAppFixture fixture, Chromium chromium)
{
    private const string ReceptionistName = "Rania Reception";
    private const string ReceptionistEmail = "rania@clinic.test";
    private const string ReceptionistPassword = "a quiet morning at the front desk";

    [Fact(Timeout = 90_000)]
    public async Task An_invited_receptionist_signs_in_with_two_factor_and_only_the_owner_sees_it_in_the_audit_trail()
    {
        await using var owner = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await using var receptionist = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);

        await InviteReceptionistAsync(owner);
        await JoinAsync(receptionist, await fixture.App.LinkForAsync(ReceptionistEmail));
        var (authenticator, enrolStep) = await EnrolInTwoFactorAsync(receptionist);
        await SignOutAndInWithCodeAsync(receptionist, authenticator, enrolStep);

        // Reception has no audit permission: no menu link, and typing the address gets the access-denied page.
        var page = receptionist.Page;
        await Expect(MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToHaveCountAsync(0);
        var denied = await page.GotoAsync("/audit");
        await Expect(page).ToHaveURLAsync(AccessDeniedUrl());
        Assert.Equal(403, denied!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await receptionist.ScreenshotAsync($"accounts-access-denied-{fixture.Provider}");

        // The trail shows an entry once the audit-chain job has chained it, as the scheduler does within seconds.
        await fixture.App.RunJobsAsync("audit-chain");
        await AssertOwnerSeesTheSignInAsync(owner);

        owner.AssertStayedOnThisMachine();
        receptionist.AssertStayedOnThisMachine();
    }

    private static async Task InviteReceptionistAsync(BrowserSession owner)
    {
        var page = owner.Page;
        await page.GotoAsync("/staff");
        await owner.SubmitSignInAsync();
        await Expect(page).ToHaveURLAsync(owner.Url("/staff"));

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(ReceptionistName);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(ReceptionistEmail);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Reception" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation created for {ReceptionistEmail}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = ReceptionistEmail });
        await Expect(row).ToContainTextAsync(ReceptionistName);
        await Expect(row).ToContainTextAsync("Invited, pending");
    }

    private static async Task JoinAsync(BrowserSession receptionist, string link)
    {
        // The link points at the address the owner used, which is where the receptionist's browser goes too.
        Assert.StartsWith(receptionist.Url("/invite/"), link, StringComparison.Ordinal);
        var page = receptionist.Page;
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Join");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(ReceptionistEmail);

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ReceptionistPassword);
        await page.GetByLabel("Password again", new() { Exact = true }).FillAsync(ReceptionistPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(receptionist.Url("/start"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Turns two-factor on with the key read off the page as text; returns the app and the step its code used.</summary>
    private async Task<(Authenticator App, long Step)> EnrolInTwoFactorAsync(BrowserSession receptionist)
    {
        var page = receptionist.Page;
        await page.GotoAsync("/account/two-factor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var keyText = await page.GetByText("Key:").InnerTextAsync();
        var authenticator = Authenticator.FromKeyText(keyText.Replace("Key:", "", StringComparison.Ordinal));

        var step = Authenticator.StepAt(fixture.App.Clock.GetUtcNow());
        await page.GetByLabel("Code from your app").FillAsync(authenticator.CodeFor(step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Two-factor sign-in is on.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await receptionist.ScreenshotAsync($"accounts-recovery-codes-{fixture.Provider}");
        return (authenticator, step);
    }

    private static async Task SignOutAndInWithCodeAsync(BrowserSession receptionist, Authenticator authenticator, long enrolStep)
    {
        var page = receptionist.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(SignInUrl());
        Assert.False(await receptionist.HasSessionCookieAsync(), "The session cookie outlived sign-out.");

        // The password alone does not sign in: it leads to the code step.
        await receptionist.SubmitSignInAsync(ReceptionistEmail, ReceptionistPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your code", Level = 1 })).ToBeVisibleAsync();
        Assert.False(await receptionist.HasSessionCookieAsync(), "The password alone started a session.");

        // The code that turned two-factor on is spent, so someone who saw it over a shoulder cannot use it.
        var code = page.GetByLabel("Code", new() { Exact = true });
        await code.FillAsync(authenticator.CodeFor(enrolStep));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByText("That code is not right")).ToBeVisibleAsync();
        Assert.False(await receptionist.HasSessionCookieAsync(), "A spent code started a session.");

        // The next step's code is fresh; the app accepts it up to a step early for phones whose clocks run ahead,
        // so the test need not wait for the clock to turn.
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(authenticator.CodeFor(enrolStep + 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(receptionist.Url("/start"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome", Level = 1 })).ToBeVisibleAsync();
        Assert.True(await receptionist.HasSessionCookieAsync(), "The code was accepted but no session started.");
    }

    private async Task AssertOwnerSeesTheSignInAsync(BrowserSession owner)
    {
        var page = owner.Page;
        await MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(owner.Url("/audit"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = ReceptionistName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var signIns = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = "signin.succeeded" });
        await Expect(signIns).ToHaveCountAsync(1);
        await Expect(signIns).ToContainTextAsync(ReceptionistName);
        await Expect(signIns).ToContainTextAsync("success");
        await Expect(signIns).ToContainTextAsync("127.0.0.1");
        await owner.ScreenshotAsync($"accounts-audit-{fixture.Provider}");
    }

    private static ILocator MainNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    [GeneratedRegex(@"/sign-in(?:\?|$)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SignInUrl();

    [GeneratedRegex(@"/access-denied(?:\?|$)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccessDeniedUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class StaffAccountsTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : StaffAccountsTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class StaffAccountsTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : StaffAccountsTests(fixture, chromium), IClassFixture<PostgresServedApp>;
