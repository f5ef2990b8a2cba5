using System.Text.RegularExpressions;
using Clinic.EndToEnd.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Clinic.EndToEnd.Tests;

/// <summary>Reception adds a client, finds them with the top-bar search as they type, and opens their profile.</summary>
public abstract partial class ClientsDirectoryTests(ServedAppFixture fixture, Chromium chromium)
{
    private const string ReceptionistEmail = "rida@clinic.test";
    private const string ReceptionistPassword = "the front desk opens at nine";

    [Fact(Timeout = 60_000)]
    public async Task Reception_adds_a_client_finds_them_from_the_top_bar_as_they_type_and_opens_the_profile()
    {
        await using var owner = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await using var reception = await chromium.OpenAsync(fixture.App.Address, BrowserSession.Desktop);
        await JoinAsReceptionAsync(owner, reception);
        var page = reception.Page;
        var last = "Qureshi" + new string([.. Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6)]);

        // Reception adds the client through the form and lands on the new profile.
        await page.GotoAsync("/clients/new");
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Mahnoor");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync(last);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Mobile", Exact = true }).First.FillAsync("0300 7654321");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Mahnoor {last}");

        // Back at the start page, typing part of the name into the top bar shows the client without a page load.
        await page.GotoAsync("/start");
        var search = page.GetByRole(AriaRole.Search).GetByLabel("Search clients");
        await search.PressSequentiallyAsync(last[..9].ToLowerInvariant(), new() { Delay = 60 });
        var result = page.GetByRole(AriaRole.Region, new() { Name = "Search results" }).GetByRole(AriaRole.Link, new() { Name = $"{last}, Mahnoor" });
        await Expect(result).ToBeVisibleAsync();
        await Expect(result).ToContainTextAsync("+923007654321");
        await Expect(page).ToHaveURLAsync(reception.Url("/start"));
        await reception.ScreenshotAsync($"clients-top-bar-search-{fixture.Provider}");

        // Choosing the result opens the profile.
        await result.ClickAsync();
        await Expect(page).ToHaveURLAsync(ProfileUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Mahnoor {last}");

        // Without waiting for suggestions, Enter submits the box as a plain search.
        await page.GetByRole(AriaRole.Search).GetByLabel("Search clients").FillAsync("7654321");
        await page.GetByRole(AriaRole.Search).GetByLabel("Search clients").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(reception.Url("/clients?q=7654321"));
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = $"{last}, Mahnoor" })).ToBeVisibleAsync();

        owner.AssertStayedOnThisMachine();
        reception.AssertStayedOnThisMachine();
    }

    /// <summary>The owner invites a receptionist, who joins through the link and is then signed in.</summary>
    private async Task JoinAsReceptionAsync(BrowserSession owner, BrowserSession reception)
    {
        await owner.Page.GotoAsync("/staff");
        await owner.SubmitSignInAsync();
        await owner.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Rida Reception");
        await owner.Page.GetByLabel("Email", new() { Exact = true }).FillAsync(ReceptionistEmail);
        await owner.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Reception" });
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation created for {ReceptionistEmail}");

        await reception.Page.GotoAsync(await fixture.App.LinkForAsync(ReceptionistEmail));
        await reception.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ReceptionistPassword);
        await reception.Page.GetByLabel("Password again", new() { Exact = true }).FillAsync(ReceptionistPassword);
        await reception.Page.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();
        await Expect(reception.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/clients/[0-9a-f-]{36}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ProfileUrl();
}

[Collection(ChromiumCollection.Name)]
public sealed class ClientsDirectoryTests_on_Sqlite(SqliteServedApp fixture, Chromium chromium) : ClientsDirectoryTests(fixture, chromium), IClassFixture<SqliteServedApp>;

[Collection(ChromiumCollection.Name)]
public sealed class ClientsDirectoryTests_on_Postgres(PostgresServedApp fixture, Chromium chromium) : ClientsDirectoryTests(fixture, chromium), IClassFixture<PostgresServedApp>;
