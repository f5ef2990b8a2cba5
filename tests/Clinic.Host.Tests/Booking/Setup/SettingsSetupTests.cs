using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Booking.Setup;

/// <summary>
/// The owner's booking settings and the clinic's time zone. The zone is clinic-wide, so these tests have a clinic of
/// their own.
/// </summary>
public abstract class SettingsSetupTests(BookingClinic fixture)
{
    [Fact]
    public async Task Changing_the_policy_text_or_notice_raises_the_policy_version_by_one_and_other_settings_do_not()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var before = await VersionAsync(owner);

        var horizon = await SaveAsync(owner, ("Input.HorizonDays", "90"), ("Input.SlotMinutes", "30"), ("Input.OnlineAutoConfirm", "false"));
        var afterHorizon = await VersionAsync(owner);
        HttpResponseMessage policy = null!;
        var audit = await fixture.App.RecordedDuringAsync(async () => policy = await SaveAsync(owner, ("Input.CancellationPolicy", $"Give us 48 hours' notice. {Guid.NewGuid():N}")));
        var afterPolicy = await VersionAsync(owner);
        var notice = await SaveAsync(owner, ("Input.CancellationNoticeHours", "48"));
        var (_, page) = await owner.GetPageAsync("/booking-setup");

        Assert.True(horizon.IsRedirect() && policy.IsRedirect() && notice.IsRedirect());
        Assert.Equal(before, afterHorizon);
        Assert.Equal(before + 1, afterPolicy);
        Assert.Equal(before + 2, int.Parse(page.QuerySelector(".policy-version")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("90", page.QuerySelector("#horizon")!.GetAttribute("value"));
        Assert.Equal("30", page.QuerySelector("#slot option[selected]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#auto-confirm[checked]"));
        Assert.Contains(audit, e => e.Action == "booking.settings.saved");
    }

    [Theory]
    [InlineData("Input.HorizonDays", "0", "horizon")]
    [InlineData("Input.HorizonDays", "731", "horizon")]
    [InlineData("Input.MinNoticeMinutes", "20161", "min-notice")]
    [InlineData("Input.SlotMinutes", "7", "slot")]
    [InlineData("Input.CancellationNoticeHours", "721", "cancellation-notice")]
    [InlineData("Input.CancellationPolicy", "", "cancellation-policy")]
    [InlineData("Input.HoldMinutes", "0", "hold")]
    [InlineData("Input.HoldMinutes", "61", "hold")]
    [InlineData("Input.TimeZone", "Mars/Olympus_Mons", "time-zone")]
    [InlineData("Input.TimeZone", "", "time-zone")]
    [InlineData("Input.TimeZone", "Pakistan Standard Time", "time-zone")]
    public async Task Bad_settings_answer_400_naming_the_field_and_change_nothing(string field, string value, string input)
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var before = await StoredAsync();

        var response = await SaveAsync(owner, (field, value), ("Input.CancellationNoticeHours", field == "Input.CancellationNoticeHours" ? value : "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.PageAsync()).FieldError(input)));
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_new_time_zone_is_audited_and_bookings_are_then_read_in_it()
    {
        fixture.StartOnMonday();
        using var owner = await fixture.OwnerAsync();
        var provider = await fixture.App.AddClinicianAsync();
        var service = await fixture.App.AddServiceAsync([provider], minutes: 30);
        await owner.AddHoursAsync(provider, DayOfWeek.Tuesday, "09:00", "17:00");
        var (_, form) = await owner.GetPageAsync("/booking-setup");
        HttpResponseMessage saved = null!;

        var audit = await fixture.App.RecordedDuringAsync(async () => saved = await SaveAsync(owner, ("Input.TimeZone", "Europe/London")));
        var zone = await fixture.App.InScopeAsync(async services => (await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))!.TimeZone);
        using var reception = await fixture.ReceptionAsync();
        var client = await fixture.App.AddBookableClientAsync();
        var booked = await reception.SubmitAsync(
            $"/appointments/new?clientId={client}",
            StaffForms.Fields(("Input.ServiceId", service.ToString()), ("Input.ProviderId", provider.ToString()), ("Input.Date", "2030-03-12"), ("Input.Time", "10:00")),
            "form.book-appointment");
        var startsAt = await fixture.InClinicAsync(db => db.ExecuteScalarAsync<DateTimeOffset>(
            "SELECT starts_at FROM booking_appointments WHERE tenant_id = @tenant_id AND client_id = @client", new { client }));

        Assert.Equal("Asia/Karachi", form.QuerySelector("#time-zone option[selected]")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#time-zone option[value='Europe/London']"));
        Assert.True(saved.IsRedirect());
        Assert.Equal("Europe/London", zone);
        Assert.Contains(audit, e => e.Action == "clinic.time_zone_changed");
        Assert.True(booked.IsRedirect(), $"booking answered {(int)booked.StatusCode}");
        // 10:00 in London in early March is 10:00 UTC (GMT); in Karachi it would have been 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2030, 3, 12, 10, 0, 0, TimeSpan.Zero), startsAt.ToUniversalTime());
    }

    private static async Task<HttpResponseMessage> SaveAsync(Clinic.Testing.ClinicClient owner, params (string Name, string Value)[] changes)
    {
        var (_, page) = await owner.GetPageAsync("/booking-setup");
        var fields = StaffForms.Fields(
            ("Input.TimeZone", page.QuerySelector("#time-zone option[selected]")?.GetAttribute("value") ?? "Asia/Karachi"),
            ("Input.HorizonDays", page.QuerySelector("#horizon")!.GetAttribute("value")!),
            ("Input.MinNoticeMinutes", page.QuerySelector("#min-notice")!.GetAttribute("value")!),
            ("Input.SlotMinutes", page.QuerySelector("#slot option[selected]")!.GetAttribute("value")!),
            ("Input.HoldMinutes", page.QuerySelector("#hold")!.GetAttribute("value")!),
            ("Input.CancellationNoticeHours", page.QuerySelector("#cancellation-notice")!.GetAttribute("value")!),
            ("Input.CancellationPolicy", page.QuerySelector("#cancellation-policy")!.TextContent));
        if (page.QuerySelector("#auto-confirm[checked]") is not null)
            fields["Input.OnlineAutoConfirm"] = "true";
        foreach (var (name, value) in changes)
        {
            if (name == "Input.OnlineAutoConfirm" && value == "false")
                fields.Remove(name);
            else
                fields[name] = value;
        }

        return await owner.SubmitAsync("/booking-setup", fields, "form.booking-settings");
    }

    private static async Task<int> VersionAsync(Clinic.Testing.ClinicClient owner)
    {
        var (_, page) = await owner.GetPageAsync("/booking-setup");
        return int.Parse(page.QuerySelector(".policy-version")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<string> StoredAsync() =>
        fixture.InClinicAsync(async db => string.Join('|', await db.QueryAsync<string>(
            """
            SELECT CAST(horizon_days AS text) || ',' || CAST(min_notice_minutes AS text) || ',' || CAST(slot_minutes AS text) || ',' || CAST(hold_minutes AS text)
                || ',' || CAST(cancellation_notice_hours AS text) || ',' || CAST(policy_version AS text) || ',' || cancellation_policy
            FROM booking_settings WHERE tenant_id = @tenant_id
            """))
            + "|" + await db.ExecuteScalarAsync<string>("SELECT time_zone FROM accounts_tenants WHERE id = @tenant_id"));
}

public sealed class SettingsSetupTests_on_Sqlite(BookingClinicOnSqlite fixture) : SettingsSetupTests(fixture), IClassFixture<BookingClinicOnSqlite>;

public sealed class SettingsSetupTests_on_Postgres(BookingClinicOnPostgres fixture) : SettingsSetupTests(fixture), IClassFixture<BookingClinicOnPostgres>;
