using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.Contracts;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging;

/// <summary>
/// Booking's events become messages, queued with their cause and sent by the dispatcher. With no channel configured
/// (the embedded default) each is rendered and kept, marked not sent, so the clinic can read what would have gone.
/// </summary>
public abstract class MessageDispatchTests(MessagingClinic clinic)
{
    [Fact]
    public async Task A_booking_is_confirmed_in_clinic_time_and_kept_unsent_when_no_channel_is_configured()
    {
        var (reception, client, _) = await BookAsync(days: 2, hour: 15);
        using (reception)
        {
            await clinic.DispatchAsync();

            var message = Assert.Single(await clinic.MessagesToAsync(client));
            Assert.Equal("appointment.confirmation", message.Kind);
            Assert.Equal(("NotSent", "no channel configured"), (message.Status, message.StatusDetail));
            Assert.Equal(("Email", $"sana-{client:N}@example.test"), (message.Channel, message.Recipient));
            // 15:00 in Karachi is 10:00 UTC; the words say the clinic's time.
            Assert.Contains("3:00 pm", message.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("10:00", message.Body, StringComparison.Ordinal);
            Assert.StartsWith("Your appointment at ", message.Subject, StringComparison.Ordinal);

            var (listed, log) = await reception.GetPageAsync($"/clients/{client}/messages");
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            var row = Assert.Single(log.QuerySelectorAll("table.messages tbody tr"));
            Assert.Contains("Not sent: no channel configured", row.TextContent, StringComparison.Ordinal);

            IReadOnlyList<string> timeline = [];
            var viewing = await clinic.App.RecordedDuringAsync(async () =>
            {
                var (_, details) = await reception.GetPageAsync($"/messages/{message.Id}");
                timeline = [.. details.QuerySelectorAll("ol.timeline li strong").Select(s => s.TextContent)];
            });
            Assert.Equal(["Queued", "NotSent"], timeline);
            Assert.Single(viewing, e => e.Action == "messages.viewed" && e.ClientId == client);
        }
    }

    [Fact]
    public async Task A_reminder_due_in_quiet_hours_waits_for_nine_and_is_queued_once_however_often_its_cause_arrives()
    {
        var (reception, client, appointment) = await BookAsync(days: 2, hour: 10);
        reception.Dispose();
        var startsAt = clinic.KarachiDay(2, 10);
        clinic.SetNow(startsAt.AddMinutes(-110));
        await clinic.PublishDueRemindersAsync();
        // The same reminder published again, as a second host might: another event, the same cause.
        await clinic.App.InClinicAsync(async db =>
        {
            await db.PublishAsync(new AppointmentReminderDue(appointment, client, "Hydrafacial", "Dr Sara", startsAt, 120));
            return 0;
        });

        await clinic.DispatchAsync();
        var waiting = (await clinic.MessagesToAsync(client)).Where(m => m.Kind == "appointment.reminder").ToList();
        clinic.SetNow(startsAt.AddHours(-1));
        await clinic.DispatchAsync();
        var sent = (await clinic.MessagesToAsync(client)).Where(m => m.Kind == "appointment.reminder").ToList();

        // The 24-hour and the 2-hour reminder: two messages, not three.
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, m => Assert.Equal(("Queued", "waiting for quiet hours to end"), (m.Status, m.StatusDetail)));
        Assert.Equal(2, sent.Count);
        Assert.All(sent, m => Assert.Equal("NotSent", m.Status));
        Assert.All(sent, m => Assert.Contains("10:00 am", m.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reminder_for_an_appointment_cancelled_before_it_went_is_skipped()
    {
        var (reception, client, appointment) = await BookAsync(days: 2, hour: 16);
        using (reception)
        {
            clinic.SetNow(clinic.KarachiDay(1, 16, 30));
            await clinic.PublishDueRemindersAsync();
            using var again = await clinic.ReceptionAsync();
            Assert.True((await again.CancelAsync(appointment, "Client unwell")).IsRedirect());
        }

        await clinic.DispatchAsync();

        var reminder = Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "appointment.reminder");
        Assert.Equal(("Skipped", "the appointment was cancelled"), (reminder.Status, reminder.StatusDetail));
        Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "appointment.cancelled");
    }

    [Fact]
    public async Task A_client_with_no_valid_contact_gets_a_failed_message_that_staff_retry_once_the_number_is_fixed()
    {
        var (reception, client, _) = await BookAsync(days: 3, hour: 12, phone: "12345", email: null);
        using (reception)
        {
            await clinic.DispatchAsync();
            var failed = Assert.Single(await clinic.MessagesToAsync(client));
            var (_, deadLetters) = await reception.GetPageAsync("/messages?status=failed");
            await clinic.App.InClinicAsync(db => db.ExecuteAsync("UPDATE clients_clients SET phone = '+923001112233' WHERE id = @client AND tenant_id = @tenant_id", new { client }));
            HttpResponseMessage retried = null!;
            var retrying = await clinic.App.RecordedDuringAsync(async () => retried = await reception.SubmitAsync($"/messages/{failed.Id}", StaffForms.Fields(), "form.retry"));
            await clinic.DispatchAsync();
            var resent = Assert.Single(await clinic.MessagesToAsync(client));

            Assert.Equal("Failed", failed.Status);
            Assert.Equal("no valid contact: the mobile number \"12345\" is not valid", failed.StatusDetail);
            Assert.Contains(deadLetters.QuerySelectorAll("table.messages tbody tr a"), a => a.GetAttribute("href") == $"/messages/{failed.Id}");
            Assert.True(retried.IsRedirect(), $"answered {(int)retried.StatusCode}");
            Assert.Single(retrying, e => e.Action == "messages.retried" && e.ClientId == client);
            Assert.Equal(("NotSent", "Sms", "+923001112233"), (resent.Status, resent.Channel, resent.Recipient));
        }
    }

    [Fact]
    public async Task A_client_who_reads_Urdu_gets_the_Urdu_template()
    {
        var (reception, client, _) = await BookAsync(days: 3, hour: 14, language: "ur");
        reception.Dispose();

        await clinic.DispatchAsync();

        var message = Assert.Single(await clinic.MessagesToAsync(client));
        Assert.Equal("ur", message.Language);
        Assert.Contains("اپائنٹمنٹ", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_refuses_an_unknown_filter_and_is_closed_to_clinicians()
    {
        using var reception = await clinic.ReceptionAsync();
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Clinician, BookingClinic.Password);
        using var clinician = clinic.App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);

        var (unknown, page) = await reception.GetPageAsync("/messages?status=lost");
        var (closed, _) = await clinician.GetPageAsync("/messages");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no such list", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/access-denied", closed.RedirectTarget().AbsolutePath);
    }

    /// <summary>At 10:00 on the next day in Karachi, books a new client with a new provider <paramref name="days"/> days on.</summary>
    private async Task<(ClinicClient Reception, Guid Client, Guid Appointment)> BookAsync(
        int days, int hour, string? phone = "auto", string? email = "auto", string language = "en")
    {
        var now = clinic.KarachiDay(1, 10);
        if (now > clinic.Clock.GetUtcNow())
            clinic.SetNow(now);
        var provider = await clinic.App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await clinic.App.AddServiceAsync([provider]);
        var client = Guid.CreateVersion7();
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, preferred_language, created_at)
            VALUES (@client, @tenant_id, 'Sana', @last, @phone, @email, @language, @now)
            """,
            new
            {
                client,
                last = $"Malik-{client:N}",
                phone = phone == "auto" ? $"+92300{Random.Shared.Next(0, 9_999_999):D7}" : phone,
                email = email == "auto" ? $"sana-{client:N}@example.test" : email,
                language,
                now = clinic.Clock.GetUtcNow(),
            }));
        var reception = await clinic.ReceptionAsync();
        return (reception, client, await reception.BookedAsync(client, service, provider, clinic.KarachiDay(days, hour)));
    }
}

public sealed class MessageDispatchTests_on_Sqlite(MessagingClinicOnSqlite clinic) : MessageDispatchTests(clinic), IClassFixture<MessagingClinicOnSqlite>;

public sealed class MessageDispatchTests_on_Postgres(MessagingClinicOnPostgres clinic) : MessageDispatchTests(clinic), IClassFixture<MessagingClinicOnPostgres>;
