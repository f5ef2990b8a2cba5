using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.Messaging.Replies;

/// <summary>Clients and what they wrote, arranged straight in the tables as the inbound webhook and the client forms leave them.</summary>
internal static class Conversations
{
    /// <summary>A client named Sana with the given contacts (null for none); <paramref name="whatsApp"/> records their consent to WhatsApp.</summary>
    public static async Task<Guid> AddClientAsync(this ClinicApp app, string? mobile, string? email, bool whatsApp = false)
    {
        var client = Guid.CreateVersion7();
        await app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, preferred_language, created_at)
            VALUES (@client, @tenant_id, 'Sana', @last, @mobile, @email, 'en', @now)
            """,
            new { client, last = $"Malik-{client:N}", mobile, email, now = app.Clock.GetUtcNow() }));
        if (whatsApp)
        {
            await app.InClinicAsync(db => db.ExecuteAsync(
                """
                INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at)
                VALUES (@id, @tenant_id, @client, 'whatsapp', TRUE, 'In person', @now)
                """,
                new { id = Guid.CreateVersion7(), client, now = app.Clock.GetUtcNow().AddDays(-30) }));
        }

        return client;
    }

    /// <summary>A message the client sent on <paramref name="channel"/> at <paramref name="at"/>, as InboundMessages keeps it.</summary>
    public static Task ReceivedAsync(this ClinicApp app, Guid client, string mobile, DateTimeOffset at, string channel = "WhatsApp", string body = "Is Friday free?")
    {
        var id = Guid.CreateVersion7();
        return app.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, to_mobile, data, channel, recipient, body,
                status, attempts, next_attempt_at, provider, provider_message_id, created_at, updated_at)
            VALUES (@id, @tenant_id, @key, 'conversation.inbound', 'transactional', FALSE, 'in', @client, @mobile, '{}', @channel, @mobile, @body,
                'Received', 0, @at, 'twilio', @key, @at, @at)
            """,
            new { id, key = $"inbound:test:{id}", client, mobile, channel, body, at }));
    }

    /// <summary>The reply form's hidden fields (antiforgery token, form name, the form's own token) as the page issued them.</summary>
    public static async Task<Dictionary<string, string>> ReplyFormAsync(this ClinicClient staff, Guid client)
    {
        var (_, page) = await staff.GetPageAsync($"/clients/{client}/messages");
        var form = page.QuerySelector("form.reply-form") as IHtmlFormElement ?? throw new InvalidOperationException("No reply form.");
        return form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value, StringComparer.Ordinal);
    }

    public static Dictionary<string, string> With(this Dictionary<string, string> form, params (string Name, string Value)[] fields)
    {
        var filled = new Dictionary<string, string>(form, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
            filled[name] = value;
        return filled;
    }

    public static async Task<HttpResponseMessage> PostReplyAsync(this ClinicClient staff, Guid client, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/clients/{client}/messages") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await staff.Http.SendAsync(request);
    }
}
