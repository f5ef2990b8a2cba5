using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Enquiries;

/// <summary>
/// The public consultation-request form: a person's request reaches the inbox with where it came from; bots, floods and
/// bad input store nothing.
/// </summary>
public abstract class ConsultationRequestTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : EnquiryClinics
{
    private const string Iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

    public Task InitializeAsync() => clinics.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_request_arrives_in_the_inbox_newest_first_as_new_with_its_address_and_device()
    {
        var last = EnquiryForms.NewLastName();
        var ip = EnquiryForms.NewIp();
        var service = await clinics.AddServiceAsync(clinics.A.Id, "HydraFacial " + last);
        using var visitor = clinics.Visitor(EnquiryClinics.HostA, ip, Iphone);
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);

        var sent = await visitor.SendAsync(EnquiryForms.Form(last, ("Input.ServiceId", service.ToString()),
            ("Input.PreferredTimes", "Weekday evenings"), ("Input.Message", "First time.\nIs it painful?")));
        var (_, thanks) = await visitor.GetPageAsync(sent.RedirectTarget().PathAndQuery);
        var (_, inbox) = await reception.GetPageAsync("/enquiries");
        var stored = await clinics.EnquiryAsync(clinics.A.Id, last);

        Assert.True(sent.IsRedirect(), $"answered {(int)sent.StatusCode}");
        Assert.Equal("/consultation/sent", sent.RedirectTarget().AbsolutePath);
        Assert.Contains("Thank you", thanks.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var newest = inbox.QuerySelector("table.enquiries tbody tr")!;
        Assert.Contains($"Ayesha {last}", newest.TextContent, StringComparison.Ordinal);
        Assert.Contains("HydraFacial", newest.TextContent, StringComparison.Ordinal);
        Assert.Equal("New", newest.QuerySelector(".badge")?.TextContent);
        Assert.NotNull(stored);
        Assert.Equal("+923001234567", stored.Phone);
        Assert.Equal(EnquiryForms.Email(last), stored.Email);
        Assert.Equal(service, stored.ServiceId);
        Assert.Equal(ip, stored.Ip);
        Assert.Equal(Iphone, stored.UserAgent);
        Assert.Equal("new", stored.Status);
    }

    [Fact]
    public async Task Opening_an_enquiry_shows_everything_marks_it_opened_and_is_audited()
    {
        var last = EnquiryForms.NewLastName();
        var ip = EnquiryForms.NewIp();
        using var visitor = clinics.Visitor(EnquiryClinics.HostA, ip, Iphone);
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);
        Assert.True((await visitor.SendAsync(EnquiryForms.Form(last, ("Input.PreferredTimes", "Saturday morning"), ("Input.Message", "About <b>fillers</b>\r\nIs it painful?")))).IsRedirect());
        var id = (await clinics.EnquiryAsync(clinics.A.Id, last))!.Id;
        HttpResponseMessage opened = null!;
        AngleSharp.Html.Dom.IHtmlDocument page = null!;

        var recorded = await clinics.RecordedDuringAsync(async () => (opened, page) = await reception.GetPageAsync($"/enquiries/{id}"));
        var (_, inbox) = await reception.GetPageAsync("/enquiries");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var details = page.QuerySelector("dl.enquiry")!.TextContent;
        Assert.Contains("+923001234567", details, StringComparison.Ordinal);
        Assert.Contains(EnquiryForms.Email(last), details, StringComparison.Ordinal);
        Assert.Contains("Saturday morning", details, StringComparison.Ordinal);
        var message = page.QuerySelector("dd.message")!;
        Assert.Equal(["About <b>fillers</b>", "Is it painful?"], message.ChildNodes.OfType<AngleSharp.Dom.IText>().Select(t => t.Data.Trim()).Where(t => t.Length > 0));
        Assert.Single(message.QuerySelectorAll("br"));
        Assert.Contains(ip, details, StringComparison.Ordinal);
        Assert.Contains(Iphone, details, StringComparison.Ordinal);
        Assert.Single(recorded, e => e.Action == "enquiries.viewed" && e.RecordId == id && e.ClientId is null);
        Assert.Equal("Opened", inbox.QuerySelector($"a[href='/enquiries/{id}']")?.Closest("tr")?.QuerySelector(".badge")?.TextContent);
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_like_a_person_and_nothing_is_stored()
    {
        var last = EnquiryForms.NewLastName();
        using var bot = clinics.Visitor(EnquiryClinics.HostA, EnquiryForms.NewIp(), "curl/8.5");
        var (_, form) = await bot.GetPageAsync("/consultation");
        var honeypot = form.GetElementById("website")!;

        var sent = await bot.SendAsync(EnquiryForms.Form(last, ("Input.Website", "https://cheap-pills.example")));

        Assert.Equal("true", honeypot.Closest("[aria-hidden]")?.GetAttribute("aria-hidden"));
        Assert.Equal("-1", honeypot.GetAttribute("tabindex"));
        Assert.True(sent.IsRedirect(), $"answered {(int)sent.StatusCode}");
        Assert.Equal("/consultation/sent", sent.RedirectTarget().AbsolutePath);
        Assert.Null(await clinics.EnquiryAsync(clinics.A.Id, last));
    }

    [Fact]
    public async Task Requests_from_one_address_over_the_limit_get_429_while_another_address_still_gets_through()
    {
        var ip = EnquiryForms.NewIp();
        using var flood = clinics.Visitor(EnquiryClinics.HostA, ip, Iphone);
        using var neighbour = clinics.Visitor(EnquiryClinics.HostA, EnquiryForms.NewIp(), Iphone);
        var last = EnquiryForms.NewLastName();

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            allowed.Add((await flood.SendAsync(EnquiryForms.Form(last))).StatusCode);
        var over = await flood.SendAsync(EnquiryForms.Form(last));
        var (form, _) = await flood.GetPageAsync("/consultation");
        var other = await neighbour.SendAsync(EnquiryForms.Form(EnquiryForms.NewLastName()));

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.Found, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many consultation requests", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(5, await clinics.CountAsync(clinics.A.Id, last));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.True(other.IsRedirect(), $"another address answered {(int)other.StatusCode}");
    }

    [Theory]
    [InlineData("Input.Phone", "12345", "phone")]
    [InlineData("Input.Phone", "", "phone")]
    [InlineData("Input.Phone", "0300 123456x", "phone")]
    [InlineData("Input.Email", "not-an-email", "email")]
    [InlineData("Input.FirstName", "", "first-name")]
    [InlineData("Input.LastName", "Khan\u202E", "last-name")]
    [InlineData("Input.ServiceId", "0195c2a4-5b7e-7000-8000-000000000000", "service")]
    [InlineData("Input.ServiceId", "botox", "service")]
    [InlineData("Input.PreferredTimes", "mornings\nand evenings", "preferred-times")]
    [InlineData("Input.Message", "bell\u0007", "message")]
    public async Task A_bad_field_is_refused_with_400_naming_it_and_nothing_is_stored(string field, string value, string inputId)
    {
        var last = EnquiryForms.NewLastName();
        using var visitor = clinics.Visitor(EnquiryClinics.HostA, EnquiryForms.NewIp(), Iphone);
        var fields = EnquiryForms.Form(last);
        fields[field] = value;

        var response = await visitor.SendAsync(fields);
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(page.FieldError(inputId)), $"no error next to {inputId}");
        Assert.Equal("true", page.GetElementById(inputId)?.GetAttribute("aria-invalid"));
        Assert.Equal(0, await clinics.CountAsync(clinics.A.Id, last));
    }

    [Fact]
    public async Task Another_clinic_never_sees_the_enquiry_and_cannot_convert_or_dismiss_it()
    {
        var last = EnquiryForms.NewLastName();
        using var visitor = clinics.Visitor(EnquiryClinics.HostA, EnquiryForms.NewIp(), Iphone);
        Assert.True((await visitor.SendAsync(EnquiryForms.Form(last))).IsRedirect());
        var id = (await clinics.EnquiryAsync(clinics.A.Id, last))!.Id;
        using var ownerOfB = clinics.App.Browser(EnquiryClinics.HostB);
        await ownerOfB.SignInAsync(EnquiryClinics.OwnerB);

        var (opened, openedPage) = await ownerOfB.GetPageAsync($"/enquiries/{id}");
        var (_, inbox) = await ownerOfB.GetPageAsync("/enquiries");
        var converted = await ownerOfB.PostEnquiryAsync(id, "convert-enquiry");
        var dismissed = await ownerOfB.PostEnquiryAsync(id, "dismiss-enquiry");
        var stored = await clinics.EnquiryAsync(clinics.A.Id, last);

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.DoesNotContain(last, openedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(last, inbox.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, converted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dismissed.StatusCode);
        Assert.Equal("new", stored!.Status);
        Assert.Null(stored.ClientId);
        Assert.Null(await clinics.EnquiryAsync(clinics.B.Id, last));
    }

    [Fact]
    public async Task A_clinician_may_not_open_the_inbox()
    {
        using var clinician = await clinics.StaffAsync(EnquiryClinics.ClinicianA);

        var (inbox, _) = await clinician.GetPageAsync("/enquiries");

        Assert.True(inbox.StatusCode == HttpStatusCode.Forbidden || inbox.RedirectTarget().AbsolutePath == "/access-denied", $"answered {(int)inbox.StatusCode}");
    }
}

public sealed class ConsultationRequestTests_on_Sqlite(EnquiryClinicsOnSqlite clinics)
    : ConsultationRequestTests<EnquiryClinicsOnSqlite>(clinics), IClassFixture<EnquiryClinicsOnSqlite>;

public sealed class ConsultationRequestTests_on_Postgres(EnquiryClinicsOnPostgres clinics)
    : ConsultationRequestTests<EnquiryClinicsOnPostgres>(clinics), IClassFixture<EnquiryClinicsOnPostgres>;
