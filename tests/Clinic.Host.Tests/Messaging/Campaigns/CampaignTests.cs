using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Campaigns;

/// <summary>
/// The owner writes a campaign for a segment of consenting clients, sees how many it reaches, and sends it; the job
/// queues two messages a minute here, and the dispatcher checks consent again as each one goes.
/// </summary>
public abstract class CampaignTests(CampaignClinic clinic)
{
    [Fact]
    public async Task A_tag_segment_reaches_only_tagged_clients_whose_consent_for_the_channel_is_on_now()
    {
        var tag = Unique("vip");
        var agrees = await AddClientAsync(tag, ("email", true));
        var neverAsked = await AddClientAsync(tag);
        var withdrew = await AddClientAsync(tag, ("email", true), ("email", false));
        var onlySms = await AddClientAsync(tag, ("sms", true));
        var untagged = await AddClientAsync(null, ("email", true));
        using var owner = await OwnerAsync();

        var id = await CreateAsync(owner, ("Input.Tag", tag));
        var (_, page) = await owner.GetPageAsync($"/messages/campaigns/{id}");
        await SendAsync(owner, id);

        Assert.Equal("Send to 1 client", page.QuerySelector("form.send-campaign button")!.TextContent.Trim());
        Assert.Equal([agrees], await RecipientsAsync(id));
        Assert.DoesNotContain(neverAsked, await RecipientsAsync(id));
        Assert.DoesNotContain(withdrew, await RecipientsAsync(id));
        Assert.DoesNotContain(onlySms, await RecipientsAsync(id));
        Assert.DoesNotContain(untagged, await RecipientsAsync(id));
    }

    [Fact]
    public async Task A_last_visit_segment_counts_only_completed_visits_in_clinic_time_and_only_consenting_clients()
    {
        var (provider, service) = await SetUpServiceAsync();
        var inJanuary = await AddClientAsync(null, ("email", true));
        var lateOnTheLastDay = await AddClientAsync(null, ("email", true));
        var alsoInFebruary = await AddClientAsync(null, ("email", true));
        var notConsenting = await AddClientAsync(null, ("sms", true));
        var cancelledOnly = await AddClientAsync(null, ("email", true));
        await AddVisitAsync(inJanuary, service, provider, Karachi(2019, 1, 10, 11));
        // 23:30 on 31 January in Karachi is still January there, though it is 18:30 UTC.
        await AddVisitAsync(lateOnTheLastDay, service, provider, Karachi(2019, 1, 31, 23, 30));
        await AddVisitAsync(alsoInFebruary, service, provider, Karachi(2019, 1, 5, 11));
        await AddVisitAsync(alsoInFebruary, service, provider, Karachi(2019, 2, 3, 11));
        await AddVisitAsync(notConsenting, service, provider, Karachi(2019, 1, 10, 12));
        await AddVisitAsync(cancelledOnly, service, provider, Karachi(2019, 1, 10, 13), "Cancelled");
        using var owner = await OwnerAsync();

        var id = await CreateAsync(owner, ("Input.LastVisitOnOrAfter", "2019-01-01"), ("Input.LastVisitBefore", "2019-02-01"));
        var (_, page) = await owner.GetPageAsync($"/messages/campaigns/{id}");
        await SendAsync(owner, id);

        Assert.Equal("Send to 2 clients", page.QuerySelector("form.send-campaign button")!.TextContent.Trim());
        Assert.Equal(new[] { inJanuary, lateOnTheLastDay }.Order(), await RecipientsAsync(id));
    }

    [Fact]
    public async Task A_service_segment_reaches_consenting_clients_who_completed_that_service()
    {
        var (provider, service) = await SetUpServiceAsync();
        var (_, other) = await SetUpServiceAsync();
        var had = await AddClientAsync(null, ("whatsapp", true));
        var hadOther = await AddClientAsync(null, ("whatsapp", true));
        var hadButNoConsent = await AddClientAsync(null, ("email", true));
        var bookedNotCompleted = await AddClientAsync(null, ("whatsapp", true));
        await AddVisitAsync(had, service, provider, Karachi(2019, 3, 1, 11));
        await AddVisitAsync(hadOther, other, provider, Karachi(2019, 3, 1, 12));
        await AddVisitAsync(hadButNoConsent, service, provider, Karachi(2019, 3, 1, 13));
        await AddVisitAsync(bookedNotCompleted, service, provider, Karachi(2019, 3, 1, 14), "Confirmed");
        using var owner = await OwnerAsync();

        var id = await CreateAsync(owner, ("Input.Channel", "WhatsApp"), ("Input.Subject", ""), ("Input.Body", "{{clinic.name}}: 20% off for {{client.first_name}}. Reply STOP to opt out."), ("Input.ServiceId", service.ToString()));
        await SendAsync(owner, id);

        Assert.Equal([had], await RecipientsAsync(id));
    }

    [Fact]
    public async Task A_campaign_is_queued_two_a_minute_its_page_shows_progress_and_each_email_carries_an_unsubscribe_link()
    {
        var tag = Unique("throttle");
        List<Guid> clients = [await AddClientAsync(tag, ("email", true)), await AddClientAsync(tag, ("email", true)), await AddClientAsync(tag, ("email", true))];
        using var owner = await OwnerAsync();
        var id = await CreateAsync(owner, ("Input.Tag", tag));
        // Campaigns other tests sent share the clinic's limit; they go first.
        await QueueEverythingAsync();
        await SendAsync(owner, id);

        await NextMinuteAsync();
        await clinic.QueueCampaignsAsync();
        await clinic.QueueCampaignsAsync();
        var afterOneMinute = await ProgressAsync(owner, id);
        await clinic.DispatchAsync();
        var afterDispatch = await ProgressAsync(owner, id);
        await NextMinuteAsync();
        await clinic.QueueCampaignsAsync();
        await clinic.DispatchAsync();
        var done = await ProgressAsync(owner, id);

        Assert.Equal(("Sending", 3, 1, 2, 0), (afterOneMinute.Status, afterOneMinute.Recipients, afterOneMinute.Waiting, afterOneMinute.Queued, afterOneMinute.Sent));
        Assert.Equal(("Sending", 1, 0, 2), (afterDispatch.Status, afterDispatch.Waiting, afterDispatch.Queued, afterDispatch.Sent));
        Assert.Equal(("Sent", 0, 0, 3), (done.Status, done.Waiting, done.Queued, done.Sent));
        foreach (var client in clients)
        {
            var message = Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "marketing.campaign");
            var outgoing = clinic.Channels.Sent[message.Id];
            Assert.Equal(("Sent", "Email", $"Spring offers from {await ClinicNameAsync()}"), (message.Status, message.Channel, message.Subject));
            Assert.StartsWith("http://localhost/unsubscribe/", outgoing.UnsubscribeUrl, StringComparison.Ordinal);
            Assert.Contains($"Stop these emails: {outgoing.UnsubscribeUrl}", message.Body, StringComparison.Ordinal);
            Assert.Equal($"marketing.campaign:{id}:{client}", outgoing.IdempotencyKey);
        }
    }

    [Fact]
    public async Task A_client_who_withdraws_consent_after_queueing_but_before_dispatch_is_skipped()
    {
        var client = await AddClientAsync(Unique("late"), ("email", true));
        using var owner = await OwnerAsync();
        var id = await CreateAsync(owner, ("Input.Tag", await TagOfAsync(client)));
        await SendAsync(owner, id);
        await QueueEverythingAsync();

        var withdrawn = await owner.SubmitAsync(
            $"/clients/{client}/consents", StaffForms.Fields(("Input.Channel", "email"), ("Input.Granted", "no"), ("Input.Source", "Phone call")), "form.change-consent");
        await clinic.DispatchAsync();

        Assert.True(withdrawn.IsRedirect(), $"answered {(int)withdrawn.StatusCode}");
        var message = Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "marketing.campaign");
        Assert.Equal("Skipped", message.Status);
        Assert.Equal(1, (await ProgressAsync(owner, id)).Skipped);
    }

    [Fact]
    public async Task The_unsubscribe_link_works_without_sign_in_shows_only_a_first_name_and_lands_in_the_consent_history()
    {
        var client = await AddClientAsync(Unique("unsub"), ("email", true));
        var link = await CampaignLinkAsync(client);
        using var stranger = clinic.App.Browser();

        var (opened, page) = await stranger.GetPageAsync(link.PathAndQuery);
        var confirmed = await stranger.SubmitAsync(link.PathAndQuery, StaffForms.Fields(), "form.unsubscribe-confirm");
        var (_, done) = await stranger.GetPageAsync(confirmed.RedirectTarget().PathAndQuery);
        using var owner = await OwnerAsync();
        var (_, history) = await owner.GetPageAsync($"/clients/{client}/consents");

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains(await ClinicNameAsync(), page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sana", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"Malik-{client:N}", page.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.test", page.Body.TextContent, StringComparison.Ordinal);
        Assert.True(confirmed.IsRedirect(), $"answered {(int)confirmed.StatusCode}");
        Assert.Equal(link.AbsolutePath, confirmed.RedirectTarget().AbsolutePath);
        Assert.Contains("no more marketing emails", done.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe link", history.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([(false, "Unsubscribe link"), (true, "In person")], await ConsentChangesAsync(client));
    }

    [Fact]
    public async Task A_mail_client_s_one_click_post_unsubscribes_without_a_token_and_a_second_one_records_nothing_more()
    {
        var client = await AddClientAsync(Unique("oneclick"), ("email", true));
        var link = await CampaignLinkAsync(client);
        using var mailClient = clinic.App.Browser();

        var first = await mailClient.PostAsync(link.PathAndQuery, StaffForms.Fields(("List-Unsubscribe", "One-Click")));
        var second = await mailClient.PostAsync(link.PathAndQuery, StaffForms.Fields(("List-Unsubscribe", "One-Click")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([(false, "Unsubscribe link"), (true, "In person")], await ConsentChangesAsync(client));
    }

    [Fact]
    public async Task A_forged_or_altered_unsubscribe_token_answers_404_and_changes_nothing()
    {
        var client = await AddClientAsync(Unique("forged"), ("email", true));
        var link = await CampaignLinkAsync(client);
        var token = link.Segments[^1];
        var altered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        using var stranger = clinic.App.Browser();

        foreach (var forged in new[] { altered, "not-a-token", Guid.CreateVersion7().ToString("N"), new string('A', 180) })
        {
            var (opened, _) = await stranger.GetPageAsync($"/unsubscribe/{forged}");
            var posted = await stranger.PostAsync($"/unsubscribe/{forged}", StaffForms.Fields(("List-Unsubscribe", "One-Click")));

            Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        Assert.Equal([(true, "In person")], await ConsentChangesAsync(client));
    }

    [Fact]
    public async Task An_unknown_placeholder_is_refused_with_400_naming_the_field_and_nothing_is_stored()
    {
        using var owner = await OwnerAsync();
        var before = await CampaignCountAsync();

        var response = await owner.SubmitAsync("/messages/campaigns", Form(("Input.Subject", "Hi {{client.last_name}}"), ("Input.Body", "Hello {{appointment.starts_at}}")), "form.new-campaign");
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{{client.last_name}}", page.FieldError("subject"), StringComparison.Ordinal);
        Assert.Contains("{{appointment.starts_at}}", page.FieldError("body"), StringComparison.Ordinal);
        Assert.Equal(before, await CampaignCountAsync());
    }

    [Fact]
    public async Task Reception_is_sent_to_access_denied_from_campaigns()
    {
        using var reception = await clinic.ReceptionAsync();
        using var owner = await OwnerAsync();
        var id = await CreateAsync(owner, ("Input.Tag", ""));

        var (list, _) = await reception.GetPageAsync("/messages/campaigns");
        var (one, _) = await reception.GetPageAsync($"/messages/campaigns/{id}");

        Assert.Equal("/access-denied", list.RedirectTarget().AbsolutePath);
        Assert.Equal("/access-denied", one.RedirectTarget().AbsolutePath);
    }

    private Task<string> ClinicNameAsync() =>
        clinic.App.InClinicAsync(async db => (await db.ExecuteScalarAsync<string>("SELECT name FROM accounts_tenants WHERE id = @tenant_id"))!);

    private static string Unique(string tag) => $"{tag}-{Guid.NewGuid():N}"[..20];

    private static DateTimeOffset Karachi(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, BookingForms.Karachi);

    /// <summary>Moves on a minute (the throttle's window) and into the clinic's daytime, out of quiet hours.</summary>
    private Task NextMinuteAsync()
    {
        var daytime = clinic.KarachiDay(0, 11);
        clinic.SetNow(clinic.Clock.GetUtcNow() < daytime ? daytime : clinic.Clock.GetUtcNow().AddMinutes(1).AddSeconds(1));
        if (clinic.Clock.GetUtcNow().ToOffset(BookingForms.Karachi).Hour >= 20)
            clinic.SetNow(clinic.KarachiDay(1, 11));
        return Task.CompletedTask;
    }

    /// <summary>Runs the job a minute apart until every sent campaign's messages are queued.</summary>
    private async Task QueueEverythingAsync()
    {
        for (var run = 0; run < 50 && await WaitingAsync() > 0; run++)
        {
            await NextMinuteAsync();
            await clinic.QueueCampaignsAsync();
        }

        Assert.Equal(0, await WaitingAsync());
    }

    private Task<long> WaitingAsync() =>
        clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_campaign_recipients WHERE tenant_id = @tenant_id AND queued_at IS NULL"));

    private async Task<ClinicClient> OwnerAsync()
    {
        var owner = clinic.App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    private async Task<Guid> AddClientAsync(string? tag, params (string Channel, bool Granted)[] consents)
    {
        var id = Guid.CreateVersion7();
        await clinic.App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@id, @tenant_id, 'Sana', @last, @phone, @email, @now)",
                new { id, last = $"Malik-{id:N}", phone = $"+92300{Random.Shared.Next(0, 9_999_999):D7}", email = $"sana-{id:N}@example.test", now = clinic.Clock.GetUtcNow() });
            if (tag is not null)
                await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @id, @tag)", new { id, tag });
            var at = clinic.Clock.GetUtcNow().AddDays(-30);
            foreach (var (channel, granted) in consents)
            {
                at = at.AddMinutes(1);
                await db.ExecuteAsync(
                    "INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at) VALUES (@change, @tenant_id, @id, @channel, @granted, 'In person', @at)",
                    new { change = Guid.CreateVersion7(), id, channel, granted, at });
            }

            return 0;
        });
        return id;
    }

    private Task<string> TagOfAsync(Guid client) =>
        clinic.App.InClinicAsync(async db => (await db.ExecuteScalarAsync<string>("SELECT tag FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @client", new { client }))!);

    private async Task<(Guid Provider, Guid Service)> SetUpServiceAsync()
    {
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        return (provider, await clinic.App.AddServiceAsync([provider]));
    }

    private Task<int> AddVisitAsync(Guid client, Guid service, Guid provider, DateTimeOffset startsAt, string status = "Completed") =>
        clinic.App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
            VALUES (@id, @tenant_id, @client, @service, @provider, @startsAt, @endsAt, @startsAt, @endsAt, @status, @startsAt, @startsAt)
            """,
            new { id = Guid.CreateVersion7(), client, service, provider, startsAt = startsAt.ToUniversalTime(), endsAt = startsAt.ToUniversalTime().AddMinutes(30), status }));

    private static Dictionary<string, string> Form(params (string Name, string Value)[] changes)
    {
        var fields = StaffForms.Fields(
            ("Input.Name", "Spring offers"),
            ("Input.Channel", "Email"),
            ("Input.Subject", "Spring offers from {{clinic.name}}"),
            ("Input.Body", "Dear {{client.first_name}},\n\n20% off this spring.\n\nStop these emails: {{unsubscribe.url}}"),
            ("Input.Tag", ""),
            ("Input.LastVisitOnOrAfter", ""),
            ("Input.LastVisitBefore", ""),
            ("Input.ServiceId", ""));
        foreach (var (name, value) in changes)
            fields[name] = value;
        return fields;
    }

    private static async Task<Guid> CreateAsync(ClinicClient owner, params (string Name, string Value)[] changes)
    {
        var created = await owner.SubmitAsync("/messages/campaigns", Form(changes), "form.new-campaign");
        Assert.True(created.IsRedirect(), $"creating answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        return Guid.Parse(created.RedirectTarget().Segments[^1]);
    }

    private static async Task SendAsync(ClinicClient owner, Guid id)
    {
        var sent = await owner.SubmitAsync($"/messages/campaigns/{id}", StaffForms.Fields(), "form.send-campaign");
        Assert.True(sent.IsRedirect(), $"sending answered {(int)sent.StatusCode}");
    }

    /// <summary>Sends a one-client campaign to <paramref name="client"/> and returns the unsubscribe link its email carried.</summary>
    private async Task<Uri> CampaignLinkAsync(Guid client)
    {
        using var owner = await OwnerAsync();
        var id = await CreateAsync(owner, ("Input.Tag", await TagOfAsync(client)));
        await SendAsync(owner, id);
        await QueueEverythingAsync();
        await clinic.DispatchAsync();
        var message = Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "marketing.campaign");
        return new Uri(clinic.Channels.Sent[message.Id].UnsubscribeUrl!);
    }

    private Task<IReadOnlyList<Guid>> RecipientsAsync(Guid campaign) =>
        clinic.App.InClinicAsync(db => db.QueryAsync<Guid>(
            "SELECT client_id FROM messaging_campaign_recipients WHERE tenant_id = @tenant_id AND campaign_id = @campaign ORDER BY client_id", new { campaign }));

    private Task<long> CampaignCountAsync() =>
        clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_campaigns WHERE tenant_id = @tenant_id"));

    private async Task<IReadOnlyList<(bool Granted, string Source)>> ConsentChangesAsync(Guid client) =>
        [.. (await clinic.App.InClinicAsync(db => db.QueryAsync<ConsentRow>(
            "SELECT granted AS Granted, source AS Source FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @client ORDER BY changed_at DESC, id DESC",
            new { client }))).Select(r => (r.Granted, r.Source))];

    private static async Task<Progress> ProgressAsync(ClinicClient owner, Guid id)
    {
        var (_, page) = await owner.GetPageAsync("/messages/campaigns");
        var row = page.QuerySelector($"tr[data-campaign='{id}']") ?? throw new InvalidOperationException("The campaign is not listed.");
        int Count(string name) => int.Parse(row.QuerySelector($"td[data-count={name}]")!.TextContent, CultureInfo.InvariantCulture);
        return new Progress(row.QuerySelector("td.status")!.TextContent.Trim(), Count("recipients"), Count("waiting"), Count("queued"), Count("sent"), Count("skipped"));
    }

    private sealed record Progress(string Status, int Recipients, int Waiting, int Queued, int Sent, int Skipped);

    private sealed class ConsentRow
    {
        public bool Granted { get; init; }

        public string Source { get; init; } = "";
    }
}

public sealed class CampaignTests_on_Sqlite(CampaignClinicOnSqlite clinic) : CampaignTests(clinic), IClassFixture<CampaignClinicOnSqlite>;

public sealed class CampaignTests_on_Postgres(CampaignClinicOnPostgres clinic) : CampaignTests(clinic), IClassFixture<CampaignClinicOnPostgres>;
