using System.Globalization;
using AngleSharp.Html.Dom;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Reliability;

/// <summary>
/// What a crash mid-send leaves: the real host is killed while providers hold its messages unanswered, then restarted
/// on the same database. Twilio is asked and Resend deduplicates, so each sends once; an SMTP server cannot be asked,
/// so every interrupted email is sent again with its Message-ID: none is lost, a duplicate is recognisable as one, and
/// the message log counts both.
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

    [Fact]
    public async Task A_host_killed_mid_batch_of_smtp_confirmations_loses_none_and_the_log_counts_those_sent_again()
    {
        var queued = await clinic.QueuedEmailConfirmationsAsync(count: 16);
        var before = Counts((await clinic.MessageLogAsync()).Log);
        // The first eight are answered; then the server falls silent, keeping every other mail it was sent.
        clinic.Smtp.HoldAnswersAfter(8);

        using (var first = await ServingHost.StartAsync(clinic.HostEnvironment(attemptTimeout: TimeSpan.FromMinutes(2))))
        {
            await InterruptedSendClinic.UntilAsync(() => Task.FromResult(clinic.Smtp.Held >= 4), () => $"The server held {clinic.Smtp.Held} mails", first);
            await first.KillAsync();
        }

        var interrupted = await clinic.CountAsync(queued.Select(q => q.Message), "Sending");
        clinic.Smtp.AnswerAgain();
        using (var second = await ServingHost.StartAsync(clinic.HostEnvironment(attemptTimeout: TimeSpan.FromSeconds(10))))
        {
            await InterruptedSendClinic.UntilAsync(
                async () => await clinic.CountAsync(queued.Select(q => q.Message), "Sent", "Failed") == queued.Count,
                () => "Not every confirmation was sent or given up",
                second);
        }

        var received = clinic.Smtp.Received();
        var lost = queued.Where(q => !received.Any(m => m.To == q.To)).Select(q => q.To).ToList();
        var copies = queued.Select(q => received.Where(m => m.To == q.To).Select(m => m.Header("Message-ID")).ToList()).ToList();
        var (log, listed) = await clinic.MessageLogAsync();
        Assert.True(interrupted >= 4, $"{interrupted} messages were in flight when the host died");
        Assert.Empty(lost);
        Assert.Equal(queued.Count, await clinic.CountAsync(queued.Select(q => q.Message), "Sent"));
        Assert.All(copies, ids => Assert.Single(ids.Distinct()));
        Assert.Contains(copies, ids => ids.Count == 2);
        Assert.Equal((before.Interrupted + interrupted, before.SentAgain + interrupted), Counts(log));
        Assert.Equal(before.SentAgain + interrupted, listed.QuerySelectorAll("tbody tr").Count(r => r.QuerySelector(".resent") is not null));
    }

    /// <summary>The log's two counts: messages interrupted by a restart, and those sent again not knowing whether the first arrived.</summary>
    private static (long Interrupted, long SentAgain) Counts(IHtmlDocument log) =>
        (long.Parse(log.QuerySelector("#interrupted-count")?.TextContent ?? "0", CultureInfo.InvariantCulture),
            long.Parse(log.QuerySelector("#sent-again-count")?.TextContent ?? "0", CultureInfo.InvariantCulture));

    private List<RecordedRequest> Posts(string email) =>
        [.. clinic.Resend.Requests.Where(r => r.Method == "POST" && r.Body.Contains(email, StringComparison.Ordinal))];
}

public sealed class InterruptedSendTests_on_Sqlite(InterruptedSendClinicOnSqlite clinic) : InterruptedSendTests(clinic), IClassFixture<InterruptedSendClinicOnSqlite>;

public sealed class InterruptedSendTests_on_Postgres(InterruptedSendClinicOnPostgres clinic) : InterruptedSendTests(clinic), IClassFixture<InterruptedSendClinicOnPostgres>;
