using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Audit;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Audit;

/// <summary>The owner's audit viewer at /audit and its CSV export: filtered, newest first, itself audited, owners only.</summary>
public abstract class AuditViewerTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_owner_sees_the_trail_newest_first_in_an_accessible_table_and_looking_is_recorded()
    {
        using var browser = await OwnerAsync();
        await browser.GetPageAsync("/clients");

        var (_, beforeChaining) = await browser.GetPageAsync("/audit");
        await App.RunJobsAsync(AuditChainer.Name);
        var (response, page) = await browser.GetPageAsync("/audit");
        await App.RunJobsAsync(AuditChainer.Name);
        var (_, again) = await browser.GetPageAsync("/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("table caption"));
        Assert.All(page.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(page.QuerySelectorAll("form.filters select, form.filters input"), field =>
            Assert.NotNull(page.QuerySelector($"label[for='{field.Id}']")));
        Assert.Contains("being added to the trail", beforeChaining.QuerySelector("main [role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["audit.read", "clients.list"], Actions(page).Take(2));
        Assert.Equal("audit.read", Actions(again)[0]);
        Assert.Contains("Audit trail", page.NavigationLinks());
    }

    [Fact]
    public async Task Filtering_by_action_and_person_shows_only_matching_entries()
    {
        using var browser = await OwnerAsync();
        var owner = await App.StaffIdAsync(ClinicApp.OwnerEmail);
        await browser.GetPageAsync("/clients");
        await App.RunJobsAsync(AuditChainer.Name);

        var (_, page) = await browser.GetPageAsync($"/audit?action=clients.list&person={owner}");
        var (_, nobody) = await browser.GetPageAsync($"/audit?person={Guid.CreateVersion7()}");

        var actions = Actions(page);
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("clients.list", a));
        Assert.Empty(Actions(nobody));
        Assert.Equal("No entries match.", nobody.QuerySelector(".empty")?.TextContent);
    }

    [Theory]
    [InlineData("client=not-an-id", "client")]
    [InlineData("from=31/12/2025", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    public async Task A_malformed_filter_is_refused_with_a_400_naming_the_field(string query, string field)
    {
        using var browser = await OwnerAsync();

        var (response, page) = await browser.GetPageAsync("/audit?" + query);
        var export = await browser.Http.GetAsync("/audit.csv?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.FieldError(field));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }

    [Fact]
    public async Task A_receptionist_can_neither_open_nor_export_the_audit_trail()
    {
        const string email = "reception.audit@clinic.test";
        await App.AddStaffAsync(email, Roles.Reception, ClinicApp.OwnerPassword);
        using var browser = App.Browser();
        await browser.SignInAsync(email);

        var (page, _) = await browser.GetPageAsync("/audit");
        var export = await browser.Http.GetAsync("/audit.csv");
        var (_, home) = await browser.GetPageAsync("/start");

        Assert.Equal("/access-denied", page.RedirectTarget().AbsolutePath);
        Assert.Equal("/access-denied", export.RedirectTarget().AbsolutePath);
        Assert.DoesNotContain("Audit trail", home.NavigationLinks());
    }

    [Fact]
    public async Task The_csv_export_has_a_header_row_and_exactly_the_filtered_entries_and_is_recorded()
    {
        using var browser = await OwnerAsync();
        await browser.GetPageAsync("/clients");
        var expected = (await App.AllAsync()).Where(e => e.Action == "clients.list").OrderByDescending(e => e.Sequence).Select(e => e.Id.ToString()).ToList();

        var recorded = await App.RecordedDuringAsync(async () =>
        {
            var response = await browser.Http.GetAsync("/audit.csv?action=clients.list");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Equal("occurred_at_utc,sequence,person_id,person,action,client_id,record_id,outcome,ip,device,id,hash", lines[0]);
            Assert.All(lines.Skip(1), line => Assert.Equal("clients.list", line.Split(',')[4]));
            Assert.Equal(expected, lines.Skip(1).Select(line => line.Split(',')[10]));
        });

        Assert.Equal("audit.export", Assert.Single(recorded).Action);
    }

    private async Task<ClinicClient> OwnerAsync()
    {
        var browser = App.Browser();
        await browser.SignInAsync();
        return browser;
    }

    private static List<string> Actions(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("table.audit tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim())];
}

public sealed class AuditViewerTests_on_Sqlite(SqliteApp fixture) : AuditViewerTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditViewerTests_on_Postgres(PostgresApp fixture) : AuditViewerTests(fixture), IClassFixture<PostgresApp>;
