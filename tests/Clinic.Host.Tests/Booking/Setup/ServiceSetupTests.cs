using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking.Setup;

/// <summary>The owner sets up services and providers' hours, and reception books what was set up.</summary>
public abstract class ServiceSetupTests(BookingClinic fixture)
{
    [Fact]
    public async Task A_service_the_owner_creates_for_a_provider_with_hours_is_offered_and_bookable_within_those_hours_only()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();
        var name = $"Glow facial {Guid.NewGuid():N}";
        HttpResponseMessage saved = null!;

        var hours = await owner.AddHoursAsync(provider, DayOfWeek.Monday, "09:00", "13:00");
        var audit = await fixture.App.RecordedDuringAsync(async () => saved = await owner.SaveServiceAsync(SetupForms.Service(name, provider)));
        var service = await ServiceIdAsync(name);
        var (_, list) = await owner.GetPageAsync("/booking-setup/services");
        using var reception = await fixture.ReceptionAsync();
        var client = await fixture.App.AddBookableClientAsync();
        var (_, form) = await reception.GetPageAsync($"/appointments/new?clientId={client}");
        var outside = await BookAsync(reception, client, service, provider, "2030-03-11", "12:30");
        var inside = await BookAsync(reception, client, service, provider, "2030-03-11", "10:00");

        Assert.True(hours.IsRedirect(), $"adding hours answered {(int)hours.StatusCode}");
        Assert.True(saved.IsRedirect(), $"saving the service answered {(int)saved.StatusCode}");
        Assert.Equal("/booking-setup/services", saved.RedirectTarget().AbsolutePath);
        Assert.Contains(audit, e => e.Action == "booking.service.saved" && e.RecordId == service);
        var row = list.QuerySelectorAll("table.services tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("45 min", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("18,000.50 PKR", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bookable online", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector($"#service option[value='{service}']"));
        Assert.NotNull(form.QuerySelector($"#provider option[value='{provider}']"));
        Assert.False(outside.IsRedirect(), "12:30 plus 45 minutes runs past 13:00, so it must be refused");
        Assert.True(inside.IsRedirect(), $"booking within the hours answered {(int)inside.StatusCode}");
    }

    [Fact]
    public async Task Editing_a_service_changes_its_length_and_deactivating_it_stops_it_being_offered()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();
        var name = $"Peel {Guid.NewGuid():N}";
        await owner.SaveServiceAsync(SetupForms.Service(name, provider));
        var service = await ServiceIdAsync(name);

        var (opened, page) = await owner.GetPageAsync($"/booking-setup/services/{service}");
        var edited = await owner.SaveServiceAsync(SetupForms.Service(name, provider, ("Input.DurationMinutes", "90")), service);
        var lengthAfterEdit = await DurationAsync(service);
        var deactivated = await owner.SaveServiceAsync(SetupForms.Service(name, provider, ("Input.Active", "false")), service);
        using var reception = await fixture.ReceptionAsync();
        var (_, form) = await reception.GetPageAsync($"/appointments/new?clientId={await fixture.App.AddBookableClientAsync()}");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("45", page.QuerySelector("#duration")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector($"input[name='ProviderIds'][value='{provider}'][checked]"));
        Assert.True(edited.IsRedirect() && deactivated.IsRedirect());
        Assert.Equal(90, lengthAfterEdit);
        Assert.Null(form.QuerySelector($"#service option[value='{service}']"));
        Assert.Equal(1, await fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id AND id = @service", new { service })));
    }

    [Theory]
    [InlineData("Input.Name", "", "name")]
    [InlineData("Input.Category", "", "category")]
    [InlineData("Input.DurationMinutes", "4", "duration")]
    [InlineData("Input.DurationMinutes", "721", "duration")]
    [InlineData("Input.DurationMinutes", "thirty", "duration")]
    [InlineData("Input.Price", "-1", "price")]
    [InlineData("Input.Price", "12.345", "price")]
    [InlineData("Input.Price", "1e3", "price")]
    [InlineData("Input.BufferAfterMinutes", "241", "buffer-after")]
    [InlineData("Input.BufferBeforeMinutes", "-5", "buffer-before")]
    [InlineData("Input.ResourceType", "Spaceship", "resource-type")]
    [InlineData("ProviderIds", "00000000-0000-0000-0000-000000000001", "providers")]
    [InlineData("ProviderIds", "not-a-staff-id", "providers")]
    public async Task Bad_input_answers_400_naming_the_field_and_stores_nothing(string field, string value, string input)
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var name = $"Bad {Guid.NewGuid():N}";
        var fields = SetupForms.Service(name, provider: null, (field, value));
        var before = await CountAsync();

        var response = await owner.SaveServiceAsync(fields);
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = input == "providers" ? page.GetElementById("providers-error")?.TextContent : page.FieldError(input);
        Assert.False(string.IsNullOrWhiteSpace(error), $"no error shown for {input}");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData(Roles.Reception)]
    [InlineData(Roles.Clinician)]
    public async Task Staff_other_than_the_owner_are_refused_every_set_up_page(string role)
    {
        fixture.StartOnMonday();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@clinic.test";
        await fixture.App.AddStaffAsync(email, role, BookingClinic.Password);
        using var browser = fixture.App.Browser();
        await browser.SignInAsync(email, BookingClinic.Password);
        var provider = await fixture.App.AddClinicianAsync();

        foreach (var path in new[] { "/booking-setup", "/booking-setup/services", "/booking-setup/services/new", "/booking-setup/schedules", $"/booking-setup/schedules/{provider}", "/booking-setup/resources", "/booking-setup/resources/new" })
        {
            var (opened, _) = await browser.GetPageAsync(path);
            Assert.True(Refused(opened), $"GET {path} answered {(int)opened.StatusCode} {opened.Headers.Location}");
        }

        var posted = await browser.PostAsync("/booking-setup/services/new", SetupForms.Service($"Forged {Guid.NewGuid():N}", provider, ("_handler", "service")));
        Assert.True(Refused(posted), $"POST answered {(int)posted.StatusCode} {posted.Headers.Location}");
        Assert.Equal(0, await fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id AND name LIKE 'Forged %'")));
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied");

    private static Task<HttpResponseMessage> BookAsync(Clinic.Testing.ClinicClient reception, Guid client, Guid service, Guid provider, string date, string time) =>
        reception.SubmitAsync(
            $"/appointments/new?clientId={client}",
            StaffForms.Fields(("Input.ServiceId", service.ToString()), ("Input.ProviderId", provider.ToString()), ("Input.Date", date), ("Input.Time", time)),
            "form.book-appointment");

    private Task<Guid> ServiceIdAsync(string name) =>
        fixture.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM booking_services WHERE tenant_id = @tenant_id AND name = @name", new { name }));

    private Task<long> CountAsync() =>
        fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id"));

    private Task<long> DurationAsync(Guid service) =>
        fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT duration_minutes FROM booking_services WHERE tenant_id = @tenant_id AND id = @service", new { service }));
}

public sealed class ServiceSetupTests_on_Sqlite(BookingClinicOnSqlite fixture) : ServiceSetupTests(fixture), IClassFixture<BookingClinicOnSqlite>;

public sealed class ServiceSetupTests_on_Postgres(BookingClinicOnPostgres fixture) : ServiceSetupTests(fixture), IClassFixture<BookingClinicOnPostgres>;
