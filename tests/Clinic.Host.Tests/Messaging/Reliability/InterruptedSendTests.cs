using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Reliability;

/// <summary>
/// Exactly once across a crash: the real host is killed after Twilio took an SMS but before the host heard its sid.
/// Restarted on the same database, it finds the message at Twilio instead of sending it again, and records Twilio's sid.
/// </summary>
public abstract class InterruptedSendTests(InterruptedSendClinic clinic)
{
    [Fact]
    public async Task A_host_killed_before_twilio_answered_sends_the_sms_once_and_records_its_sid_after_a_restart()
    {
        var (mobile, message) = await clinic.QueuedConfirmationAsync();
        var hold = clinic.Twilio.HoldNextMessage();

        using (var first = await ServingHost.StartAsync(clinic.HostEnvironment(attemptTimeout: TimeSpan.FromMinutes(2))))
        {
            await hold.Taken.WaitAsync(TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        hold.Release();
        var interrupted = await clinic.MessageAsync(message);
        using var second = await ServingHost.StartAsync(clinic.HostEnvironment(attemptTimeout: TimeSpan.FromSeconds(10)));
        var sent = await clinic.UntilAsync(message, "Sent", second);

        var taken = await hold.Taken;
        Assert.Equal(("Sending", null), (interrupted!.Status, interrupted.ProviderMessageId));
        Assert.Single(clinic.Twilio.Requests, r => r.Method == "POST" && r.Field("To") == mobile);
        Assert.Single(clinic.Twilio.Messages, m => m.To == mobile);
        Assert.Contains(clinic.Twilio.Requests, r => r.Method == "GET" && r.Query.GetValueOrDefault("To") == mobile);
        Assert.Equal((taken.Sid, 1L), (sent.ProviderMessageId, sent.Attempts));
    }

    [Fact]
    public async Task A_host_killed_before_resend_answered_sends_again_with_the_same_idempotency_key_and_resend_sends_one_email()
    {
        var (email, message) = await clinic.QueuedConfirmationAsync(byEmail: true);
        // Resend takes the email, and its answer never comes back before the host dies.
        clinic.Resend.Script(new ScriptedAnswer(200, "{}", Delay: TimeSpan.FromMinutes(5)));

        using (var first = await ServingHost.StartAsync(clinic.HostEnvironment(attemptTimeout: TimeSpan.FromMinutes(2))))
        {
            await InterruptedSendClinic.UntilAsync(() => Task.FromResult(Posts(email).Count == 1), () => "Resend got no email", first);
            await first.KillAsync();
        }

        var interrupted = await clinic.MessageAsync(message);
        using var second = await ServingHost.StartAsync(clinic.HostEnvironment(attemptTimeout: TimeSpan.FromSeconds(10)));
        var sent = await clinic.UntilAsync(message, "Sent", second);

        var taken = Assert.Single(clinic.Resend.Emails, e => e.Request.GetRawText().Contains(email, StringComparison.Ordinal));
        var posts = Posts(email);
        Assert.Equal(("Sending", null), (interrupted!.Status, interrupted.ProviderMessageId));
        Assert.Equal(2, posts.Count);
        Assert.Equal([taken.IdempotencyKey], posts.Select(p => p.Header("Idempotency-Key")).Distinct().ToList());
        Assert.Equal(taken.Id, sent.ProviderMessageId);
    }

    private List<RecordedRequest> Posts(string email) =>
        [.. clinic.Resend.Requests.Where(r => r.Method == "POST" && r.Body.Contains(email, StringComparison.Ordinal))];
}

public sealed class InterruptedSendTests_on_Sqlite(InterruptedSendClinicOnSqlite clinic) : InterruptedSendTests(clinic), IClassFixture<InterruptedSendClinicOnSqlite>;

public sealed class InterruptedSendTests_on_Postgres(InterruptedSendClinicOnPostgres clinic) : InterruptedSendTests(clinic), IClassFixture<InterruptedSendClinicOnPostgres>;
