using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>A clinic whose feeds allow two fetches an hour per token.</summary>
public sealed class CalendarFeedLimitedClinic() : BookingClinic(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:RateLimits:CalendarFeedPerToken:PermitLimit"] = "2",
        ["Clinic:RateLimits:CalendarFeedPerToken:Window"] = "01:00:00",
    };
}

/// <summary>
/// A leaked feed URL fetched in a loop is refused before it floods the audit trail, and other feeds are unaffected.
/// The limiter is in memory, so one engine shows it.
/// </summary>
public sealed class CalendarFeedRateLimitTests(CalendarFeedLimitedClinic clinic) : IClassFixture<CalendarFeedLimitedClinic>
{
    [Fact]
    public async Task A_token_fetched_too_often_answers_429_with_retry_after_and_other_tokens_still_work()
    {
        var mine = await FeedPathAsync();
        var other = await FeedPathAsync();
        using var calendarApp = clinic.App.Browser();

        var allowed = new[] { await calendarApp.Http.GetAsync(mine), await calendarApp.Http.GetAsync(mine) };
        HttpResponseMessage refused = null!;
        var recorded = await clinic.App.RecordedDuringAsync(async () => refused = await calendarApp.Http.GetAsync(mine));
        var otherFeed = await calendarApp.Http.GetAsync(other);

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Empty(recorded);
        Assert.Equal(HttpStatusCode.OK, otherFeed.StatusCode);
    }

    private async Task<string> FeedPathAsync()
    {
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Roles.Clinician, BookingClinic.Password);
        using var clinician = clinic.App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);
        var response = await clinician.SubmitAsync("/calendar-feed", StaffForms.Fields(), "form.create-calendar-feed");
        var url = (await response.PageAsync()).QuerySelector("#feed-url")?.GetAttribute("value") ?? throw new InvalidOperationException("No address shown.");
        return new Uri(url).AbsolutePath;
    }
}
