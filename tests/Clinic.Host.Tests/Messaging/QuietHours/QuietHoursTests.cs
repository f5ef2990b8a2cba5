using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Messaging.Replies;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Audit;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging.QuietHours;

/// <summary>
/// The owner sets the clinic's quiet hours, and non-urgent messages (here a staff follow-up) wait for the end of the
/// window as set, not the default; "No quiet hours" sends at any hour; the same start and end are refused.
/// </summary>
public abstract class QuietHoursTests(MessagingClinic clinic)
{
    [Fact]
    public async Task Moving_quiet_hours_to_six_in_the_evening_holds_a_seven_o_clock_follow_up_until_the_new_end()
    {
        var client = await clinic.App.AddClientAsync(Mobile(), email: null);
        clinic.SetNow(clinic.KarachiDay(1, 19));
        // Each step signs in afresh: the clock jumps further than a session stays idle.
        using (var owner = await OwnerAsync())
        {
            Assert.True((await SaveAsync(owner, "21:00", "09:00")).IsRedirect());
            await FollowUpAsync(owner, client);
        }

        await clinic.DispatchAsync();
        var underDefault = Assert.Single(await FollowUpsAsync(client));

        clinic.SetNow(clinic.KarachiDay(1, 19));
        HttpResponseMessage saved = null!;
        IReadOnlyList<AuditRow> audit;
        IHtmlDocument page;
        using (var owner = await OwnerAsync())
        {
            audit = await clinic.App.RecordedDuringAsync(async () => saved = await SaveAsync(owner, "18:00", "08:00"));
            (_, page) = await owner.GetPageAsync("/messages/quiet-hours");
            await FollowUpAsync(owner, client);
        }

        await clinic.DispatchAsync();
        var waiting = (await FollowUpsAsync(client))[1];
        clinic.SetNow(clinic.KarachiDay(1, 7, 59));
        await clinic.DispatchAsync();
        var beforeEnd = (await FollowUpsAsync(client))[1];
        clinic.SetNow(clinic.KarachiDay(0, 8));
        await clinic.DispatchAsync();
        var atEnd = (await FollowUpsAsync(client))[1];

        Assert.Equal("NotSent", underDefault.Status);
        Assert.True(saved.IsRedirect(), $"saving answered {(int)saved.StatusCode}");
        Assert.Equal("/messages/quiet-hours", saved.RedirectTarget().AbsolutePath);
        Assert.Single(audit, e => e.Action == "messaging.quiet-hours.changed");
        Assert.Equal(("18:00", "08:00"), (Value(page, "Input.From"), Value(page, "Input.Until")));
        Assert.Equal(("Queued", "waiting for quiet hours to end"), (waiting.Status, waiting.StatusDetail));
        Assert.Equal("Queued", beforeEnd.Status);
        Assert.Equal("NotSent", atEnd.Status);
    }

    [Fact]
    public async Task With_no_quiet_hours_a_follow_up_at_eleven_at_night_goes_at_once()
    {
        var client = await clinic.App.AddClientAsync(Mobile(), email: null);
        clinic.SetNow(clinic.KarachiDay(1, 23));
        using var owner = await OwnerAsync();

        var saved = await SaveAsync(owner, "21:00", "09:00", none: true);
        var (_, page) = await owner.GetPageAsync("/messages/quiet-hours");
        await FollowUpAsync(owner, client);
        await clinic.DispatchAsync();
        await SaveAsync(owner, "21:00", "09:00");

        Assert.True(saved.IsRedirect(), $"saving answered {(int)saved.StatusCode}");
        Assert.True(((IHtmlInputElement)page.QuerySelector("#quiet-none")!).IsChecked);
        Assert.Equal("NotSent", Assert.Single(await FollowUpsAsync(client)).Status);
    }

    [Theory]
    [InlineData("22:00", "22:00", "quiet-until-error", "Quiet hours cannot end when they start. To send at any hour, tick “No quiet hours”.")]
    [InlineData("25:00", "09:00", "quiet-from-error", "Enter when quiet hours start as a time, such as 21:00.")]
    [InlineData("21:00", "", "quiet-until-error", "Enter when quiet hours end as a time, such as 09:00.")]
    public async Task Bad_hours_get_400_naming_the_field_and_change_nothing(string from, string until, string errorId, string error)
    {
        using var owner = await OwnerAsync();
        var before = await SettingsAsync();

        var refused = await SaveAsync(owner, from, until);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(error, new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).GetElementById(errorId)?.TextContent);
        Assert.Equal(before, await SettingsAsync());
    }

    [Fact]
    public async Task Reception_cannot_open_the_quiet_hours()
    {
        using var reception = await clinic.ReceptionAsync();

        var (closed, _) = await reception.GetPageAsync("/messages/quiet-hours");

        Assert.Equal("/access-denied", closed.RedirectTarget().AbsolutePath);
    }

    private async Task<ClinicClient> OwnerAsync()
    {
        var owner = clinic.App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    private static Task<HttpResponseMessage> SaveAsync(ClinicClient owner, string from, string until, bool none = false) =>
        owner.SubmitAsync(
            "/messages/quiet-hours",
            none ? StaffForms.Fields(("Input.From", from), ("Input.Until", until), ("Input.None", "true")) : StaffForms.Fields(("Input.From", from), ("Input.Until", until)),
            "form.quiet-hours");

    private static async Task FollowUpAsync(ClinicClient staff, Guid client)
    {
        var sent = await staff.PostReplyAsync(client, (await staff.ReplyFormAsync(client)).With(
            ("Input.Channel", "Sms"), ("Input.Template", "conversation.follow_up"), ("Input.Topic", "your consultation")));
        Assert.True(sent.IsRedirect(), $"the follow-up answered {(int)sent.StatusCode}");
    }

    private async Task<IReadOnlyList<SentMessage>> FollowUpsAsync(Guid client) =>
        [.. (await clinic.MessagesToAsync(client)).Where(m => m.Kind == "conversation.follow_up")];

    private Task<string> SettingsAsync() =>
        clinic.App.InClinicAsync(async db => string.Join(
            ",", await db.QueryAsync<long>("SELECT quiet_from_minute * 10000 + quiet_until_minute FROM messaging_settings WHERE tenant_id = @tenant_id")));

    private static string? Value(IHtmlDocument page, string name) => (page.QuerySelector($"input[name='{name}']") as IHtmlInputElement)?.Value;

    private static string Mobile() => $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
}

public sealed class QuietHoursTests_on_Sqlite(MessagingClinicOnSqlite clinic) : QuietHoursTests(clinic), IClassFixture<MessagingClinicOnSqlite>;

public sealed class QuietHoursTests_on_Postgres(MessagingClinicOnPostgres clinic) : QuietHoursTests(clinic), IClassFixture<MessagingClinicOnPostgres>;
