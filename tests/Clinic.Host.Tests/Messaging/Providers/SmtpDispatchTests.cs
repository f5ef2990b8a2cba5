using System.Globalization;
using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Messaging.Features.Campaigns;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>
/// Email end to end: the owner points the email channel at a real SMTP server (aiosmtpd), staff book or send a
/// campaign through the pages, the dispatcher sends, and the mail that arrives is the one the client should get.
/// </summary>
public abstract class SmtpDispatchTests(SmtpDispatchClinic clinic)
{
    [Fact]
    public async Task A_booking_confirmation_arrives_once_addressed_to_the_client_in_clinic_time()
    {
        await clinic.DaytimeAsync();
        var (client, email) = await clinic.AddClientAsync(consentsToEmail: false);
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        using (var reception = await clinic.ReceptionAsync())
            await reception.BookedAsync(client, service, provider, clinic.KarachiDay(2, 15));

        await clinic.DispatchAsync();

        var mail = await clinic.Smtp.WaitForAsync(m => m.To == email);
        var message = Assert.Single(await clinic.MessagesToAsync(client));
        Assert.Single(clinic.Smtp.Received(), m => m.To == email);
        Assert.Equal(("Sent", "Email"), (message.Status, message.Channel));
        Assert.Equal(message.Subject, mail.Subject);
        Assert.StartsWith("Your appointment at ", mail.Subject, StringComparison.Ordinal);
        // 15:00 in Karachi is 10:00 UTC: the mail says the clinic's time.
        Assert.Contains("3:00 pm", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("10:00", mail.Body, StringComparison.Ordinal);
        Assert.Null(mail.Header("List-Unsubscribe"));
    }

    [Fact]
    public async Task A_campaign_mail_carries_one_click_unsubscribe_headers_whose_link_works_without_sign_in()
    {
        await clinic.DaytimeAsync();
        var (client, email) = await clinic.AddClientAsync(consentsToEmail: true);
        var tag = $"smtp-{Guid.NewGuid():N}";
        await clinic.App.InClinicAsync(db => db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @client, @tag)", new { client, tag }));
        using (var owner = clinic.App.Browser())
        {
            await owner.SignInAsync();
            var created = await owner.SubmitAsync("/messages/campaigns", CampaignForm(tag), "form.new-campaign");
            Assert.True(created.IsRedirect(), $"creating answered {(int)created.StatusCode}");
            var sent = await owner.SubmitAsync(created.RedirectTarget().PathAndQuery, StaffForms.Fields(), "form.send-campaign");
            Assert.True(sent.IsRedirect(), $"sending answered {(int)sent.StatusCode}");
        }

        await clinic.App.InScopeAsync(async services =>
        {
            await services.GetRequiredService<QueueCampaignMessages>().RunAsync(default);
            return 0;
        });
        await clinic.DispatchAsync();

        var mail = await clinic.Smtp.WaitForAsync(m => m.To == email);
        var header = mail.Header("List-Unsubscribe");
        Assert.NotNull(header);
        Assert.Matches("^<http://localhost/unsubscribe/[^>]+>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        var link = new Uri(header[1..^1]);
        using var mailbox = clinic.App.Browser();
        var (opened, _) = await mailbox.GetPageAsync(link.PathAndQuery);
        var oneClick = await mailbox.PostAsync(link.PathAndQuery, StaffForms.Fields(("List-Unsubscribe", "One-Click")));

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal([false, true], await clinic.App.InClinicAsync(db => db.QueryAsync<bool>(
            "SELECT granted FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @client AND channel = 'email' ORDER BY changed_at DESC, id DESC",
            new { client })));
    }

    private static Dictionary<string, string> CampaignForm(string tag) => StaffForms.Fields(
        ("Input.Name", "Summer skin"),
        ("Input.Channel", "Email"),
        ("Input.Subject", "Summer skin offers"),
        ("Input.Body", "Dear {{client.first_name}},\n\n20% off this summer.\n\nStop these emails: {{unsubscribe.url}}"),
        ("Input.Tag", tag),
        ("Input.LastVisitOnOrAfter", ""),
        ("Input.LastVisitBefore", ""),
        ("Input.ServiceId", ""));
}

/// <summary>A messaging clinic whose owner sets up email through SMTP to a local aiosmtpd, and nothing else.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the sink.")]
public abstract class SmtpDispatchClinic(DatabaseProvider provider) : MessagingClinic(provider), IAsyncLifetime
{
    private bool _configured;

    public SmtpSink Smtp { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Moves the clock into the clinic's day (marketing waits out quiet hours) and saves the SMTP channel once.</summary>
    public async Task DaytimeAsync()
    {
        var daytime = this.KarachiDay(1, 11);
        if (Clock.GetUtcNow() < daytime)
            SetNow(daytime);
        if (_configured)
            return;

        using var owner = App.Browser();
        await owner.SignInAsync();
        var saved = await owner.SaveAsync(
            "email",
            ("Email.Provider", "smtp"),
            ("Email.Host", SmtpSink.Host),
            ("Email.Port", Smtp.Port.ToString(CultureInfo.InvariantCulture)),
            ("Email.User", ""),
            ("Email.FromAddress", "hello@glow.example"),
            ("Email.FromName", "Glow Clinic"));
        Assert.True(saved.IsRedirect(), $"saving the SMTP channel answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        _configured = true;
    }

    public async Task<(Guid Client, string Email)> AddClientAsync(bool consentsToEmail)
    {
        var client = Guid.CreateVersion7();
        var email = $"sana-{client:N}@example.test";
        await App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@client, @tenant_id, 'Sana', @last, @phone, @email, @now)",
                new { client, last = $"Malik-{client:N}", phone = $"+92300{Random.Shared.Next(0, 9_999_999):D7}", email, now = Clock.GetUtcNow() });
            if (consentsToEmail)
            {
                await db.ExecuteAsync(
                    "INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at) VALUES (@change, @tenant_id, @client, 'email', TRUE, 'In person', @at)",
                    new { change = Guid.CreateVersion7(), client, at = Clock.GetUtcNow().AddDays(-30) });
            }

            return 0;
        });
        return (client, email);
    }
}

public sealed class SmtpDispatchClinicOnSqlite() : SmtpDispatchClinic(DatabaseProvider.Sqlite);

public sealed class SmtpDispatchClinicOnPostgres() : SmtpDispatchClinic(DatabaseProvider.Postgres);

public sealed class SmtpDispatchTests_on_Sqlite(SmtpDispatchClinicOnSqlite clinic) : SmtpDispatchTests(clinic), IClassFixture<SmtpDispatchClinicOnSqlite>;

public sealed class SmtpDispatchTests_on_Postgres(SmtpDispatchClinicOnPostgres clinic) : SmtpDispatchTests(clinic), IClassFixture<SmtpDispatchClinicOnPostgres>;
