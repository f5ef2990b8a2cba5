using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>Reception imports clients from a CSV file: a preview first, then all of them in one transaction or none.</summary>
public abstract class ImportClientsTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task A_good_file_is_previewed_then_committed_and_each_client_is_audited()
    {
        var mark = Guid.NewGuid().ToString("N");
        var csv = $"""
            First Name,SURNAME,Mobile Number,e-mail,DOB,gender,address,tags,notes
            Ayesha,Khan{mark},0300 1234567,ayesha@example.com,1990-05-17,female,"12 Canal View, Lahore","VIP, prefers mornings",Likes tea
            Hira,Malik{mark},+92 321 7654321,,,,,,

            """;
        using var reception = await StaffAsync(Roles.Reception);

        var (previewed, preview) = await UploadAsync(reception, csv);
        var before = await CountAsync(mark);
        HttpResponseMessage committed = null!;
        var recorded = await App.RecordedDuringAsync(async () => committed = await CommitAsync(reception, preview));
        var again = await CommitAsync(reception, preview);

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Equal(2, preview.QuerySelectorAll("table.import-preview tbody tr").Length);
        Assert.Null(preview.QuerySelector("table.problems"));
        Assert.Equal(0, before);
        Assert.True(committed.IsRedirect(), $"answered {(int)committed.StatusCode}");
        Assert.Equal(2, await CountAsync(mark));
        Assert.Equal("+923001234567", await App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT phone FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last = $"Khan{mark}" })));
        Assert.Equal(["VIP", "prefers mornings"], await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT t.tag FROM clients_client_tags t JOIN clients_clients c ON c.id = t.client_id WHERE t.tenant_id = @tenant_id AND c.last_name = @last ORDER BY t.tag",
            new { last = $"Khan{mark}" })));
        Assert.Equal(2, recorded.Count(e => e.Action == "clients.imported" && e.ClientId is not null));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(2, await CountAsync(mark));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_adds_no_one_and_names_the_row_and_column()
    {
        var mark = Guid.NewGuid().ToString("N");
        var csv = $"""
            first_name,last_name,mobile,email
            Ayesha,Khan{mark},0300 1234567,ayesha@example.com
            Hira,Malik{mark},12345,hira@example.com
            Sana,Raza{mark},0333 9998887,not-an-email

            """;
        using var reception = await StaffAsync(Roles.Reception);

        var (response, page) = await UploadAsync(reception, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = page.QuerySelectorAll("table.problems tbody tr")
            .Select(tr => (tr.QuerySelector(".row")!.TextContent, tr.QuerySelector(".column")!.TextContent)).ToList();
        Assert.Equal([("3", "mobile"), ("4", "email")], problems);
        Assert.Null(page.QuerySelector("form.commit-import"));
        Assert.Equal(0, await CountAsync(mark));
    }

    [Fact]
    public async Task Unknown_or_missing_columns_are_named()
    {
        using var reception = await StaffAsync(Roles.Reception);

        var (response, page) = await UploadAsync(reception, "first_name,surname,favourite_colour\nAyesha,Khan,blue\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var columns = page.QuerySelectorAll("table.problems tbody tr .column").Select(c => c.TextContent).ToList();
        Assert.Contains("favourite_colour", columns);
        Assert.Contains("mobile", columns);
    }

    [Fact]
    public async Task A_file_over_2_MB_is_refused_with_400_naming_the_file_field()
    {
        var mark = Guid.NewGuid().ToString("N");
        var csv = new StringBuilder("first_name,last_name,mobile,notes\n");
        while (csv.Length <= 2 * 1024 * 1024)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ayesha,Khan{mark},0300 1234567,{new string('x', 1000)}\n");
        using var reception = await StaffAsync(Roles.Reception);

        var (response, page) = await UploadAsync(reception, csv.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2 MB", page.FieldError("file"), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(mark));
    }

    [Fact]
    public async Task A_clinician_may_not_import()
    {
        using var clinician = await StaffAsync(Roles.Clinician);

        var (response, _) = await clinician.GetPageAsync("/clients/import");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)response.StatusCode}");
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> UploadAsync(ClinicClient browser, string csv)
    {
        var (_, page) = await browser.GetPageAsync("/clients/import");
        var form = (IHtmlFormElement)page.QuerySelector("form.upload-clients")!;
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden"))
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        content.Add(file, "File", "clients.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/clients/import") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await browser.Http.SendAsync(request);
        return (response, await response.PageAsync());
    }

    private static Task<HttpResponseMessage> CommitAsync(ClinicClient browser, IHtmlDocument preview)
    {
        var form = (IHtmlFormElement)(preview.QuerySelector("form.commit-import") ?? throw new InvalidOperationException("No commit form."));
        return browser.PostAsync("/clients/import", form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden").ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal));
    }

    private Task<long> CountAsync(string mark) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name LIKE @pattern", new { pattern = "%" + mark }));

    private async Task<ClinicClient> StaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }
}

public sealed class ImportClientsTests_on_Sqlite(SqliteApp fixture) : ImportClientsTests(fixture), IClassFixture<SqliteApp>;

public sealed class ImportClientsTests_on_Postgres(PostgresApp fixture) : ImportClientsTests(fixture), IClassFixture<PostgresApp>;
