using System.Net;
using AngleSharp.Html.Parser;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Replies;

/// <summary>
/// Staff answer a client from their thread. WhatsApp takes free text only within 24 hours of the client's last
/// WhatsApp message, and a template after that; SMS and email take free text. A form posted twice sends once, and bad
/// input gets 400 naming the field with nothing stored.
/// </summary>
public abstract class StaffReplyTests(MessagingClinic clinic)
{
    [Fact]
    public async Task A_reply_inside_the_WhatsApp_window_goes_on_WhatsApp_once_however_often_the_form_is_posted()
    {
        var mobile = Mobile();
        var client = await clinic.App.AddClientAsync(mobile, email: null);
        var wrote = clinic.Clock.GetUtcNow().AddHours(-2);
        await clinic.App.ReceivedAsync(client, mobile, wrote);
        using var reception = await clinic.ReceptionAsync();

        var (_, page) = await reception.GetPageAsync($"/clients/{client}/messages");
        var form = (await reception.ReplyFormAsync(client)).With(
            ("Input.Channel", "WhatsApp"), ("Input.Template", "text"), ("Input.Text", "Yes, 4 pm on Friday is free. Shall we book it?"));
        HttpResponseMessage first = null!, second = null!;
        var audit = await clinic.App.RecordedDuringAsync(async () =>
        {
            first = await reception.PostReplyAsync(client, form);
            second = await reception.PostReplyAsync(client, form);
        });
        await clinic.DispatchAsync();
        var (_, thread) = await reception.GetPageAsync($"/clients/{client}/messages");

        var closes = wrote.AddHours(24).ToOffset(BookingForms.Karachi).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"The WhatsApp window is open until {closes}; free text can be sent until then.", page.QuerySelector(".whatsapp-window")!.TextContent);
        Assert.Equal(["WhatsApp", "SMS"], page.QuerySelectorAll("form.reply-form input[name='Input.Channel']").Select(i => i.ParentElement!.TextContent.Trim()));
        Assert.True(first.IsRedirect(), $"answered {(int)first.StatusCode}");
        Assert.Equal($"/clients/{client}/messages", first.RedirectTarget().AbsolutePath);
        Assert.True(second.IsRedirect(), $"the second post answered {(int)second.StatusCode}");
        var reply = Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "conversation.reply");
        Assert.Equal(("WhatsApp", mobile, "Yes, 4 pm on Friday is free. Shall we book it?"), (reply.Channel, reply.Recipient, reply.Body));
        Assert.Equal("NotSent", reply.Status);
        Assert.Single(audit, e => e.Action == "messages.reply" && e.ClientId == client);
        Assert.Contains(thread.QuerySelectorAll("table.messages tbody tr a"), a => a.GetAttribute("href") == $"/messages/{reply.Id}" && a.TextContent == "Reply from the clinic");
    }

    [Fact]
    public async Task After_the_WhatsApp_window_closes_free_text_is_refused_there_and_the_follow_up_template_goes_instead()
    {
        SetDaytime();
        var mobile = Mobile();
        var client = await clinic.App.AddClientAsync(mobile, email: null, whatsApp: true);
        var wrote = clinic.Clock.GetUtcNow().AddHours(-30);
        await clinic.App.ReceivedAsync(client, mobile, wrote);
        using var reception = await clinic.ReceptionAsync();

        var (_, page) = await reception.GetPageAsync($"/clients/{client}/messages");
        var form = await reception.ReplyFormAsync(client);
        var refused = await reception.PostReplyAsync(client, form.With(("Input.Channel", "WhatsApp"), ("Input.Template", "text"), ("Input.Text", "Are you still interested?")));
        var refusedPage = await refused.Content.ReadAsStringAsync();
        var storedAfterRefusal = (await clinic.MessagesToAsync(client)).Count(m => m.Kind != "conversation.inbound");
        var sent = await reception.PostReplyAsync(client, form.With(("Input.Channel", "WhatsApp"), ("Input.Template", "conversation.follow_up"), ("Input.Topic", "your laser consultation")));
        await clinic.DispatchAsync();

        var closed = wrote.AddHours(24).ToOffset(BookingForms.Karachi).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var words = $"The WhatsApp window closed at {closed}; only a template can be sent.";
        Assert.Equal(words, page.QuerySelector(".whatsapp-window")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(words, new HtmlParser().ParseDocument(refusedPage).GetElementById("reply-text-error")?.TextContent);
        Assert.Equal(0, storedAfterRefusal);
        Assert.True(sent.IsRedirect(), $"answered {(int)sent.StatusCode}");
        var followUp = Assert.Single(await clinic.MessagesToAsync(client), m => m.Kind == "conversation.follow_up");
        Assert.Equal(("WhatsApp", mobile, "NotSent"), (followUp.Channel, followUp.Recipient, followUp.Status));
        Assert.Contains("follow up about your laser consultation", followUp.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_reply_carries_its_subject_and_an_SMS_reply_its_words()
    {
        var mobile = Mobile();
        var email = $"sana-{Guid.NewGuid():N}@example.test";
        var client = await clinic.App.AddClientAsync(mobile, email);
        using var reception = await clinic.ReceptionAsync();

        var (_, page) = await reception.GetPageAsync($"/clients/{client}/messages");
        var byEmail = await reception.PostReplyAsync(client, (await reception.ReplyFormAsync(client)).With(
            ("Input.Channel", "Email"), ("Input.Template", "text"), ("Input.Subject", "Your question about Friday"), ("Input.Text", "Friday at 4 pm suits us.")));
        var bySms = await reception.PostReplyAsync(client, (await reception.ReplyFormAsync(client)).With(
            ("Input.Channel", "Sms"), ("Input.Template", "text"), ("Input.Text", "See you on Friday.")));
        await clinic.DispatchAsync();

        // The client never wrote on WhatsApp and did not agree to it: WhatsApp is not offered.
        Assert.Equal(["SMS", "Email"], page.QuerySelectorAll("form.reply-form input[name='Input.Channel']").Select(i => i.ParentElement!.TextContent.Trim()));
        Assert.True(byEmail.IsRedirect() && bySms.IsRedirect(), $"answered {(int)byEmail.StatusCode} and {(int)bySms.StatusCode}");
        var replies = (await clinic.MessagesToAsync(client)).Where(m => m.Kind == "conversation.reply").ToList();
        Assert.Equal(2, replies.Count);
        var mail = Assert.Single(replies, m => m.Channel == "Email");
        Assert.Equal((email, "Your question about Friday"), (mail.Recipient, mail.Subject));
        Assert.StartsWith("Friday at 4 pm suits us.", mail.Body, StringComparison.Ordinal);
        var text = Assert.Single(replies, m => m.Channel == "Sms");
        Assert.Equal((mobile, "See you on Friday."), (text.Recipient, text.Body));
    }

    [Theory]
    [InlineData("Sms", "", "", "reply-text-error", "Write the reply.")]
    [InlineData("Sms", "", "1601", "reply-text-error", "Text must be at most 1600 characters.")]
    [InlineData("Email", "", "Hello", "reply-subject-error", "Enter the email's subject.")]
    [InlineData("Email", "Hello", "Hello", "reply-channel-error", "Choose a channel the client has a valid contact for.")]
    [InlineData("WhatsApp", "", "Hello", "reply-channel-error", "Choose a channel the client has a valid contact for.")]
    [InlineData("Fax", "", "Hello", "reply-channel-error", "Choose a channel the client has a valid contact for.")]
    public async Task Bad_input_gets_400_naming_the_field_and_stores_nothing(string channel, string subject, string text, string errorId, string error)
    {
        // An SMS-only client: a mobile, no email, never wrote on WhatsApp.
        var client = await clinic.App.AddClientAsync(Mobile(), email: null);
        using var reception = await clinic.ReceptionAsync();
        var form = (await reception.ReplyFormAsync(client)).With(
            ("Input.Channel", channel), ("Input.Template", "text"), ("Input.Subject", subject), ("Input.Text", text == "1601" ? new string('a', 1601) : text));

        var audit = await clinic.App.RecordedDuringAsync(async () =>
        {
            var refused = await reception.PostReplyAsync(client, form);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(error, new HtmlParser().ParseDocument(body).GetElementById(errorId)?.TextContent);
        });

        Assert.Empty(await clinic.MessagesToAsync(client));
        Assert.DoesNotContain(audit, e => e.Action == "messages.reply");
    }

    [Fact]
    public async Task A_client_whose_last_WhatsApp_message_was_STOP_is_not_offered_WhatsApp()
    {
        var mobile = Mobile();
        var client = await clinic.App.AddClientAsync(mobile, email: null);
        await clinic.App.ReceivedAsync(client, mobile, clinic.Clock.GetUtcNow().AddHours(-1), body: "Stop");
        using var reception = await clinic.ReceptionAsync();

        var (_, page) = await reception.GetPageAsync($"/clients/{client}/messages");
        var refused = await reception.PostReplyAsync(client, (await reception.ReplyFormAsync(client)).With(
            ("Input.Channel", "WhatsApp"), ("Input.Template", "text"), ("Input.Text", "Are you sure?")));

        Assert.Equal(["SMS"], page.QuerySelectorAll("form.reply-form input[name='Input.Channel']").Select(i => i.ParentElement!.TextContent.Trim()));
        Assert.Null(page.QuerySelector(".whatsapp-window"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain(await clinic.MessagesToAsync(client), m => m.Kind == "conversation.reply");
    }

    [Fact]
    public async Task A_client_with_no_valid_contact_gets_no_form_and_another_clinic_s_client_is_not_found()
    {
        var client = await clinic.App.AddClientAsync("12345", "not-an-address");
        using var reception = await clinic.ReceptionAsync();

        var (_, page) = await reception.GetPageAsync($"/clients/{client}/messages");
        var (unknown, _) = await reception.GetPageAsync($"/clients/{Guid.CreateVersion7()}/messages");

        Assert.Null(page.QuerySelector("form.reply-form"));
        Assert.Contains("no valid email address or mobile number", page.QuerySelector("section.reply")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private void SetDaytime()
    {
        var local = clinic.Clock.GetUtcNow().ToOffset(BookingForms.Karachi);
        clinic.SetNow(clinic.KarachiDay(local.Hour < 12 ? 0 : 1, 12));
    }

    private static string Mobile() => $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
}

public sealed class StaffReplyTests_on_Sqlite(MessagingClinicOnSqlite clinic) : StaffReplyTests(clinic), IClassFixture<MessagingClinicOnSqlite>;

public sealed class StaffReplyTests_on_Postgres(MessagingClinicOnPostgres clinic) : StaffReplyTests(clinic), IClassFixture<MessagingClinicOnPostgres>;
