using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Dapper;
using Xunit;

namespace Clinic.Host.Tests.FirstRun;

/// <summary>A clinic started with `Clinic:Demo=true`, as someone trying Clinic out would.</summary>
public abstract class DemoClinic(DatabaseProvider provider) : AppFixture(provider)
{
    public RecordedLog Log => ((RecordingClinicApp)App).Log;

    protected override ClinicApp Create(TestDatabase database) =>
        new RecordingClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Demo"] = "true" });
}

public sealed class DemoClinicOnSqlite() : DemoClinic(DatabaseProvider.Sqlite);

public sealed class DemoClinicOnPostgres() : DemoClinic(DatabaseProvider.Postgres);

public abstract partial class DemoClinicTests(DemoClinic fixture)
{
    private const string DemoOwner = "owner@example.com";
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    [Fact]
    public async Task The_demo_has_an_owner_a_receptionist_and_a_clinician()
    {
        var roles = await fixture.App.InClinicAsync(db => db.QueryAsync<string>("SELECT role FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY role"));

        Assert.Equal(["Clinician", "Owner", "Reception"], roles);
    }

    [Fact]
    public async Task The_logged_demo_password_signs_the_owner_in_to_forty_clients()
    {
        using var browser = fixture.App.Browser();

        await browser.SignInAsync(DemoOwner, DemoPassword());
        var (response, page) = await browser.GetPageAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(40, page.QuerySelectorAll("table tbody tr").Length);
    }

    [Fact]
    public async Task The_demo_services_are_priced_in_rupees()
    {
        var services = await fixture.App.InClinicAsync(db => db.QueryAsync<(string Name, string Currency)>("SELECT name, currency FROM booking_services WHERE tenant_id = @tenant_id"));
        var prices = await fixture.App.InClinicAsync(db => db.QueryAsync<decimal>("SELECT price FROM booking_services WHERE tenant_id = @tenant_id"));

        Assert.True(services.Count >= 5, $"{services.Count} services.");
        Assert.All(services, s => Assert.Equal("PKR", s.Currency));
        Assert.All(prices, p => Assert.True(p > 0));
    }

    [Fact]
    public async Task The_demo_appointments_spread_over_the_two_weeks_around_today()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), Karachi).DateTime);

        var days = (await AppointmentDaysAsync()).Distinct().Order().ToList();

        Assert.True(days.Count >= 10, $"Appointments on {days.Count} days.");
        Assert.True(days[0] >= today.AddDays(-7) && days[^1] <= today.AddDays(7), $"Appointments from {days[0]} to {days[^1]}, today is {today}.");
        Assert.Contains(days, d => d < today);
        Assert.Contains(days, d => d >= today);
    }

    [Fact]
    public async Task The_owner_sees_a_days_demo_appointments_on_the_schedule()
    {
        var days = await AppointmentDaysAsync();
        var busiest = days.GroupBy(d => d).OrderByDescending(g => g.Count()).First();
        using var browser = fixture.App.Browser();
        await browser.SignInAsync(DemoOwner, DemoPassword());

        var (response, page) = await browser.GetPageAsync("/schedule?date=" + busiest.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/schedule answered {(int)response.StatusCode}.");
        Assert.Equal(busiest.Count(), page.QuerySelectorAll("table.calendar td.booked").Length);
    }

    private async Task<List<DateOnly>> AppointmentDaysAsync()
    {
        var starts = await fixture.App.InClinicAsync(db => db.QueryAsync<DateTimeOffset>("SELECT starts_at FROM booking_appointments WHERE tenant_id = @tenant_id"));
        return [.. starts.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s, Karachi).DateTime))];
    }

    private string DemoPassword()
    {
        var match = fixture.Log.Lines.Select(l => DemoSignIn().Match(l)).SingleOrDefault(m => m.Success);
        Assert.True(match is not null, "The demo sign-in was not logged:" + Environment.NewLine + string.Join(Environment.NewLine, fixture.Log.Lines));
        return match.Groups["password"].Value;
    }

    [GeneratedRegex(@"owner@example\.com.*password (?<password>\S+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DemoSignIn();
}

public sealed class DemoClinicTests_on_Sqlite(DemoClinicOnSqlite fixture) : DemoClinicTests(fixture), IClassFixture<DemoClinicOnSqlite>;

public sealed class DemoClinicTests_on_Postgres(DemoClinicOnPostgres fixture) : DemoClinicTests(fixture), IClassFixture<DemoClinicOnPostgres>;
