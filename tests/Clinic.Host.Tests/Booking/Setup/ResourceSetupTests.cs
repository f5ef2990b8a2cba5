using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking.Setup;

/// <summary>The owner lists rooms and equipment; their types are what services can ask for.</summary>
public abstract class ResourceSetupTests(BookingClinic fixture)
{
    [Fact]
    public async Task A_room_the_owner_adds_offers_its_type_to_services_and_can_be_renamed_and_deactivated()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var type = $"Laser room {Guid.NewGuid():N}";
        HttpResponseMessage added = null!;

        var audit = await fixture.App.RecordedDuringAsync(async () => added = await owner.SubmitAsync(
            "/booking-setup/resources/new", StaffForms.Fields(("Input.Name", "Laser suite"), ("Input.Kind", "room"), ("Input.ResourceType", type), ("Input.Active", "true")), "form.resource"));
        var id = await fixture.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM booking_resources WHERE tenant_id = @tenant_id AND resource_type = @type", new { type }));
        var (_, serviceForm) = await owner.GetPageAsync("/booking-setup/services/new");
        var edited = await owner.SubmitAsync(
            $"/booking-setup/resources/{id}", StaffForms.Fields(("Input.Name", "Laser suite 2"), ("Input.Kind", "room"), ("Input.ResourceType", type)), "form.resource");
        var (_, list) = await owner.GetPageAsync("/booking-setup/resources");
        var row = list.QuerySelectorAll("table.resources tr").Single(r => r.TextContent.Contains(type, StringComparison.Ordinal));

        Assert.True(added.IsRedirect() && edited.IsRedirect());
        Assert.Contains(audit, e => e.Action == "booking.resource.saved" && e.RecordId == id);
        Assert.NotNull(serviceForm.QuerySelectorAll("#resource-type option").SingleOrDefault(o => o.GetAttribute("value") == type));
        Assert.Contains("Laser suite 2", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Inactive", row.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Name", "", "name")]
    [InlineData("Input.Kind", "spaceship", "kind")]
    [InlineData("Input.ResourceType", "", "type")]
    [InlineData("Input.ResourceType", "Laser\u202Eroom", "type")]
    public async Task Bad_input_answers_400_naming_the_field_and_stores_nothing(string field, string value, string input)
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var name = $"Room {Guid.NewGuid():N}";
        var fields = StaffForms.Fields(("Input.Name", name), ("Input.Kind", "room"), ("Input.ResourceType", "Treatment room"), ("Input.Active", "true"));
        fields[field] = value;
        var before = await CountAsync();

        var response = await owner.SubmitAsync("/booking-setup/resources/new", fields, "form.resource");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.PageAsync()).FieldError(input)));
        Assert.Equal(before, await CountAsync());
    }

    private Task<long> CountAsync() =>
        fixture.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_resources WHERE tenant_id = @tenant_id"));
}

public sealed class ResourceSetupTests_on_Sqlite(BookingClinicOnSqlite fixture) : ResourceSetupTests(fixture), IClassFixture<BookingClinicOnSqlite>;

public sealed class ResourceSetupTests_on_Postgres(BookingClinicOnPostgres fixture) : ResourceSetupTests(fixture), IClassFixture<BookingClinicOnPostgres>;
