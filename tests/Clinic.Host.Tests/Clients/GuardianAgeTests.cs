using System.Globalization;
using System.Net;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>Who is under 18 is decided by the date in the clinic's time zone (Asia/Karachi, UTC+5), not in UTC.</summary>
public abstract class GuardianAgeTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    [Fact]
    public async Task At_half_past_midnight_in_Karachi_a_client_18_that_day_needs_no_guardian_and_one_18_tomorrow_does()
    {
        // 19:30 UTC is 00:30 the next day in Karachi: there, today is already a day later than in UTC.
        var now = fixture.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(19).AddMinutes(30), TimeSpan.Zero);
        fixture.Clock.Advance(target - now);
        var karachiToday = DateOnly.FromDateTime(target.UtcDateTime.AddHours(5));
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await fixture.App.AddStaffAsync(email, Roles.Reception, Password);
        using var reception = fixture.App.Browser();
        await reception.SignInAsync(email, Password);

        var eighteenToday = await reception.AddClientAsync(Client(karachiToday.AddYears(-18)));
        var eighteenTomorrow = await reception.AddClientAsync(Client(karachiToday.AddYears(-18).AddDays(1)));

        Assert.True(eighteenToday.IsRedirect(), $"answered {(int)eighteenToday.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, eighteenTomorrow.StatusCode);
        Assert.NotNull((await eighteenTomorrow.PageAsync()).FieldError("guardian-name"));
    }

    private static Dictionary<string, string> Client(DateOnly born) => StaffForms.Fields(
        ("Input.FirstName", "Zainab"), ("Input.LastName", $"Iqbal-{Guid.NewGuid():N}"), ("Input.Phone", "0300 1234567"),
        ("Input.DateOfBirth", born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
}

public sealed class GuardianAgeTests_on_Sqlite(SqliteApp fixture) : GuardianAgeTests(fixture), IClassFixture<SqliteApp>;

public sealed class GuardianAgeTests_on_Postgres(PostgresApp fixture) : GuardianAgeTests(fixture), IClassFixture<PostgresApp>;
