using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Webhooks;

/// <summary>
/// Resend's webhook reads at most 64 KiB, whether or not the sender states a length: a larger post gets 413 and changes
/// nothing, even when it is correctly signed and would otherwise move a message forward.
/// </summary>
public abstract class OversizedWebhookTests(LengthRecordingClinic clinic)
{
    private const int LargestEvent = 64 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_signed_event_over_64_KiB_gets_413_and_changes_nothing(bool statesLength)
    {
        var emailId = Guid.NewGuid().ToString();
        var message = await SentEmailAsync(emailId);
        var svixId = "msg_" + Guid.NewGuid().ToString("N");
        var padding = new string('x', LargestEvent);
        var body = $$$"""{"type":"email.delivered","created_at":"2026-11-22T10:00:00Z","data":{"email_id":"{{{emailId}}}","padding":"{{{padding}}}"}}""";

        var response = await PostSignedAsync(svixId, body, statesLength);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Sent", await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT status FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id", new { message })));
        Assert.Equal(0, await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM messaging_message_events WHERE message_id = @message AND tenant_id = @tenant_id", new { message })));
        Assert.Equal(0, await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM messaging_webhook_receipts WHERE webhook_id = @svixId AND tenant_id = @tenant_id", new { svixId })));
    }

    [Fact]
    public async Task The_same_event_within_the_limit_and_without_a_length_is_handled()
    {
        var emailId = Guid.NewGuid().ToString();
        var message = await SentEmailAsync(emailId);
        var body = $$$"""{"type":"email.delivered","created_at":"2026-11-22T10:00:00Z","data":{"email_id":"{{{emailId}}}"}}""";

        var response = await PostSignedAsync("msg_" + Guid.NewGuid().ToString("N"), body, statesLength: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Delivered", await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT status FROM messaging_messages WHERE id = @message AND tenant_id = @tenant_id", new { message })));
    }

    private async Task<Guid> SentEmailAsync(string emailId)
    {
        var id = Guid.CreateVersion7();
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, data, channel, recipient, body, status,
                attempts, next_attempt_at, provider, provider_message_id, created_at, updated_at)
            VALUES (@id, @tenant_id, @key, 'appointment.confirmation', 'transactional', TRUE, 'out', '{}', 'Email', 'sana@example.test', 'Words', 'Sent',
                1, @now, 'resend', @emailId, @now, @now)
            """,
            new { id, key = $"test:{id}", emailId, now = clinic.Clock.GetUtcNow() }));
        return id;
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string id, string body, bool statesLength)
    {
        var timestamp = clinic.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Convert.FromBase64String(WebhookClinic.ResendSecret["whsec_".Length..]));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        var bytes = Encoding.UTF8.GetBytes(body);
        HttpContent content = statesLength ? new ByteArrayContent(bytes) : await UnknownLengthAsync(bytes);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/resend") { Content = content };
        request.Headers.Add("svix-id", id);
        request.Headers.Add("svix-timestamp", timestamp);
        request.Headers.Add("svix-signature", $"v1,{signature}");
        using var http = new HttpClient { BaseAddress = clinic.ListeningAt };
        var response = await http.SendAsync(request);
        // What the endpoint saw, not what the client meant: the path without a length must really have none.
        Assert.Equal(statesLength, clinic.StatedLengths.TryGetValue(id, out var stated) && stated is not null);
        return response;
    }

    /// <summary>A body whose length the client cannot know (a stream that cannot seek), so no Content-Length is sent.</summary>
    private static async Task<HttpContent> UnknownLengthAsync(byte[] bytes)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.CompleteAsync();
        return new StreamContent(pipe.Reader.AsStream());
    }
}

/// <summary>
/// A webhook clinic that also listens on a real socket (Kestrel on 127.0.0.1), because the in-memory test server hands
/// every body to the app with a length; the listening app notes the Content-Length each Resend post arrived with.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the listening app.")]
public abstract class LengthRecordingClinic(DatabaseProvider provider) : WebhookClinic(provider), IAsyncLifetime
{
    private RecordingApp? _listening;

    public ConcurrentDictionary<string, long?> StatedLengths { get; } = new(StringComparer.Ordinal);

    public Uri ListeningAt { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _listening = new RecordingApp(App.Database, StatedLengths);
        _listening.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _listening.StartServer();
        ListeningAt = new Uri(_listening.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public override async Task DisposeAsync()
    {
        if (_listening is not null)
            await _listening.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed class RecordingApp(TestDatabase database, ConcurrentDictionary<string, long?> lengths)
        : ClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Messaging:ResendWebhookSecret"] = ResendSecret })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RecordLengths(lengths)));
        }
    }

    private sealed class RecordLengths(ConcurrentDictionary<string, long?> lengths) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (context.Request.Headers.TryGetValue("svix-id", out var id))
                    lengths[id.ToString()] = context.Request.ContentLength;
                return then(context);
            });
            next(app);
        };
    }
}

public sealed class LengthRecordingClinicOnSqlite() : LengthRecordingClinic(DatabaseProvider.Sqlite);

public sealed class LengthRecordingClinicOnPostgres() : LengthRecordingClinic(DatabaseProvider.Postgres);

public sealed class OversizedWebhookTests_on_Sqlite(LengthRecordingClinicOnSqlite clinic) : OversizedWebhookTests(clinic), IClassFixture<LengthRecordingClinicOnSqlite>;

public sealed class OversizedWebhookTests_on_Postgres(LengthRecordingClinicOnPostgres clinic) : OversizedWebhookTests(clinic), IClassFixture<LengthRecordingClinicOnPostgres>;
