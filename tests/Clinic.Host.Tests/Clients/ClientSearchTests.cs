using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>Staff find clients by any part of a name, email or mobile, from /clients?q= or the top bar as they type.</summary>
public abstract class ClientSearchTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_part_of_a_name_finds_the_client_and_the_search_is_audited_once()
    {
        var mark = Mark();
        var id = await AddAsync("Ayesha", $"Qureshi{mark}", null, null);
        await AddAsync("Hira", $"Other{Mark()}", null, null);
        using var reception = await StaffAsync(Roles.Reception);
        IHtmlDocument page = null!;

        var recorded = await App.RecordedDuringAsync(async () => (_, page) = await reception.GetPageAsync($"/clients?q=shi{mark[..4]}"));
        var (_, twoWords) = await reception.GetPageAsync($"/clients?q=ayesha%20{mark}");

        Assert.Equal([$"/clients/{id}"], Links(page));
        Assert.Equal([$"/clients/{id}"], Links(twoWords));
        Assert.Single(recorded, e => e.Action == "clients.searched");
        Assert.DoesNotContain(recorded, e => e.Action == "clients.list");
    }

    [Theory]
    [InlineData("0{0} {1}")]
    [InlineData("+92 {0}-{1}")]
    [InlineData("0092{0}{1}")]
    public async Task Mobile_digits_typed_the_local_or_international_way_find_the_client(string typed)
    {
        var national = "3" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = await AddAsync("Sana", $"Raza{Mark()}", "+92" + national, null);
        using var reception = await StaffAsync(Roles.Reception);
        var search = string.Format(System.Globalization.CultureInfo.InvariantCulture, typed, national[..3], national[3..7]);

        var (_, page) = await reception.GetPageAsync("/clients?q=" + Uri.EscapeDataString(search));

        Assert.Equal([$"/clients/{id}"], Links(page));
    }

    [Fact]
    public async Task A_part_of_an_email_finds_the_client_whatever_its_case()
    {
        var mark = Mark();
        var id = await AddAsync("Zara", $"Malik{Mark()}", null, $"Zara.{mark}@Example.com");
        using var reception = await StaffAsync(Roles.Reception);

        var (_, page) = await reception.GetPageAsync($"/clients?q={mark.ToUpperInvariant()}@exa");

        Assert.Equal([$"/clients/{id}"], Links(page));
    }

    [Fact]
    public async Task One_or_two_letters_search_by_substring_too()
    {
        var id = await AddAsync("Qx", $"Qz{Mark()}", null, null);
        using var reception = await StaffAsync(Roles.Reception);

        var (_, page) = await reception.GetPageAsync("/clients?q=qx");

        Assert.Contains($"/clients/{id}", Links(page));
    }

    [Fact]
    public async Task The_top_bar_search_is_a_get_form_to_the_list_and_its_suggestions_answer_json()
    {
        var mark = Mark();
        var id = await AddAsync("Maryam", $"Butt{mark}", "+923211234567", "m@example.com");
        using var clinician = await StaffAsync(Roles.Clinician);

        var (_, home) = await clinician.GetPageAsync("/clients");
        HttpResponseMessage response = null!;
        var recorded = await App.RecordedDuringAsync(async () => response = await clinician.Http.GetAsync($"/clients/suggestions?q=butt{mark}"));
        var suggestions = await response.Content.ReadFromJsonAsync<Suggestion[]>() ?? [];
        using var anonymous = App.Browser();
        var refused = await anonymous.Http.GetAsync($"/clients/suggestions?q=butt{mark}");

        var form = home.QuerySelector("header form.topbar-search") as IHtmlFormElement;
        Assert.NotNull(form);
        Assert.Equal("get", form.Method);
        Assert.Equal("/clients", form.GetAttribute("action"));
        Assert.Equal("/clients/suggestions", form.GetAttribute("data-suggest"));
        Assert.NotNull(form.QuerySelector("label[for='topbar-search']"));
        Assert.Equal("q", (form.QuerySelector("#topbar-search") as IHtmlInputElement)?.Name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([new Suggestion($"Butt{mark}, Maryam", "+923211234567 · m@example.com", $"/clients/{id}")], suggestions);
        Assert.Single(recorded, e => e.Action == "clients.searched");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_name_typed_letter_by_letter_in_the_top_bar_is_recorded_as_one_search_and_the_next_search_as_another()
    {
        var mark = Mark();
        var id = await AddAsync("Nadia", $"Hussain{mark}", null, null);
        using var reception = await StaffAsync(Roles.Reception);
        var name = $"hussain{mark}";
        var typing = Guid.NewGuid();
        var lastSuggestions = Array.Empty<Suggestion>();

        var recorded = await App.RecordedDuringAsync(async () =>
        {
            for (var typed = 2; typed <= name.Length; typed++)
                lastSuggestions = await reception.Http.GetFromJsonAsync<Suggestion[]>($"/clients/suggestions?q={name[..typed]}&search={typing:N}") ?? [];
        });
        var nextSearch = await App.RecordedDuringAsync(() => reception.Http.GetFromJsonAsync<Suggestion[]>($"/clients/suggestions?q=nadia&search={Guid.NewGuid():N}"));

        Assert.Equal([$"/clients/{id}"], lastSuggestions.Select(s => s.Url));
        Assert.Single(recorded, e => e.Action == "clients.searched");
        Assert.Single(nextSearch, e => e.Action == "clients.searched");
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("a\" OR \"b")]
    [InlineData("NEAR(abc def)")]
    [InlineData("abc*")]
    [InlineData("%%%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("- + ( )")]
    [InlineData("\u0000abc")]
    public async Task Search_syntax_typed_in_the_box_is_only_text(string typed)
    {
        using var reception = await StaffAsync(Roles.Reception);

        var (page, _) = await reception.GetPageAsync("/clients?q=" + Uri.EscapeDataString(typed));
        var json = await reception.Http.GetAsync("/clients/suggestions?q=" + Uri.EscapeDataString(typed));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
    }

    [Fact]
    public async Task At_most_twenty_clients_are_shown()
    {
        var mark = Mark();
        for (var i = 0; i < 25; i++)
            await AddAsync("Many", $"Same{mark}{i:00}", null, null);
        using var reception = await StaffAsync(Roles.Reception);

        var (_, page) = await reception.GetPageAsync($"/clients?q=same{mark}");

        Assert.Equal(20, Links(page).Count);
    }

    internal sealed record Suggestion(string Name, string Detail, string Url);

    internal static IReadOnlyList<string> Links(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main table.data a").Select(a => a.GetAttribute("href")!)];

    // Letters only, so no digit run is mistaken for a phone number and no other test's client matches.
    private static string Mark() => new([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 26)))]);

    private Task<Guid> AddAsync(string first, string last, string? phone, string? email) =>
        App.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@id, @tenant_id, @first, @last, @phone, @email, @now)",
                new { id, first, last, phone, email, now = App.Clock.GetUtcNow() });
            return id;
        });

    private async Task<ClinicClient> StaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }
}

public sealed class ClientSearchTests_on_Sqlite(SqliteApp fixture) : ClientSearchTests(fixture), IClassFixture<SqliteApp>;

public sealed class ClientSearchTests_on_Postgres(PostgresApp fixture) : ClientSearchTests(fixture), IClassFixture<PostgresApp>;

/// <summary>A search never shows another clinic's clients, whatever it matches there.</summary>
public abstract class ClientSearchAcrossClinicsTests(TwoClinics clinics)
{
    [Fact]
    public async Task Clinic_A_searching_for_clinic_B_s_clients_finds_none_of_them()
    {
        await clinics.SetUpAsync();
        using var owner = clinics.App.Browser(TwoClinics.HostA);
        await owner.SignInAsync(TwoClinics.OwnerA);

        var (_, theirs) = await owner.GetPageAsync("/clients?q=Usman");
        var (_, short_) = await owner.GetPageAsync("/clients?q=Bu");
        var json = await owner.Http.GetStringAsync("/clients/suggestions?q=iqbal");
        var (_, ours) = await owner.GetPageAsync("/clients?q=khan");

        Assert.Empty(ClientSearchTests.Links(theirs));
        Assert.Empty(ClientSearchTests.Links(short_));
        Assert.Equal("[]", json);
        Assert.Single(ClientSearchTests.Links(ours));
    }
}

public sealed class ClientSearchAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite fixture) : ClientSearchAcrossClinicsTests(fixture), IClassFixture<TwoClinicsOnSqlite>;

public sealed class ClientSearchAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres fixture) : ClientSearchAcrossClinicsTests(fixture), IClassFixture<TwoClinicsOnPostgres>;
