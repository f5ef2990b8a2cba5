using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Modules;
using Clinic.Modules.Accounts.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Clinic.Host.Tests.Events;

/// <summary>The sample module's app with everything it logs kept; the sample handler refuses notes whose text starts with "Refused".</summary>
public abstract class UndeliveredEventsClinic(DatabaseProvider provider) : WithSampleModule(provider)
{
    public CapturedLogs Logs { get; } = new();

    protected override ClinicApp Create(TestDatabase database) => new LoggedClinicApp(database, Settings, Logs);

    private sealed class LoggedClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings, CapturedLogs logs)
        : ClinicApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }
}

public sealed class UndeliveredEventsClinicOnSqlite() : UndeliveredEventsClinic(DatabaseProvider.Sqlite);

public sealed class UndeliveredEventsClinicOnPostgres() : UndeliveredEventsClinic(DatabaseProvider.Postgres);

/// <summary>
/// An event whose handler fails is tried again later, on a schedule, and after its last attempt is set aside where
/// the owner sees it and can retry it, with an error in the log that names it and gives away none of its contents.
/// </summary>
public abstract class UndeliveredEventsTests(UndeliveredEventsClinic fixture)
{
    private const string NoteAdded = "sample.note-added.v1";

    [Fact]
    public async Task A_failed_event_is_tried_again_once_its_wait_is_over_and_not_before()
    {
        var note = await AddNoteAsync(Refused("filler follow-up"));
        await DispatchAsync();
        await EditNoteAsync(note, "Filler follow-up");

        fixture.Clock.Advance(RetrySchedule.FirstDelay - TimeSpan.FromSeconds(1));
        await DispatchAsync();
        var tooEarly = await DeliveriesAsync(note);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await DispatchAsync();

        Assert.Equal(0, tooEarly);
        Assert.Equal(1, await DeliveriesAsync(note));
    }

    [Fact]
    public void Each_wait_is_twice_the_last_up_to_an_hour()
    {
        var waits = Enumerable.Range(1, RetrySchedule.MaxAttempts - 1).Select(RetrySchedule.After).ToList();

        Assert.Equal(TimeSpan.FromSeconds(30), waits[0]);
        Assert.Equal(TimeSpan.FromMinutes(1), waits[1]);
        Assert.Equal(TimeSpan.FromHours(1), waits[^1]);
        Assert.All(waits.Zip(waits.Skip(1)), pair => Assert.Equal(TimeSpan.FromTicks(Math.Min(pair.First.Ticks * 2, TimeSpan.FromHours(1).Ticks)), pair.Second));
    }

    [Fact]
    public async Task After_its_last_failed_attempt_an_event_is_on_the_owner_s_page_and_an_error_is_logged_without_its_contents()
    {
        var note = await AddNoteAsync(Refused("Botox for Ayesha Khan"));
        var undelivered = await EventOfAsync(note);

        await FailAsync(RetrySchedule.MaxAttempts - 1);
        using var ownerBeforeLast = await OwnerAsync();
        var (beforeLast, _) = await ownerBeforeLast.GetPageAsync(UndeliveredEvents.PathOf(undelivered));
        var lastTry = fixture.Clock.GetUtcNow();
        await FailAsync(1);
        using var owner = await OwnerAsync();
        var (listed, list) = await owner.GetPageAsync(UndeliveredEvents.Path);
        var row = list.QuerySelectorAll("main tbody tr").SingleOrDefault(r => r.QuerySelector($"a[href='{UndeliveredEvents.PathOf(undelivered)}']") is not null);
        var errors = fixture.Logs.Entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal) && e.Contains(undelivered.ToString(), StringComparison.Ordinal)).ToList();

        Assert.Equal(HttpStatusCode.NotFound, beforeLast.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.True(row is not null, "The event is not listed: " + list.QuerySelector("main")?.TextContent);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal([NoteAdded, "Sample", "10", "CountWhenSampleNoteAdded failed: InvalidOperationException", InClinicTime(lastTry)], cells.Take(5));
        Assert.DoesNotContain("Ayesha", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(NoteAdded, Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Contains("Ayesha", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retrying_an_event_set_aside_delivers_it_and_is_audited()
    {
        var note = await AddNoteAsync(Refused("peel aftercare"));
        var undelivered = await EventOfAsync(note);
        await FailAsync(RetrySchedule.MaxAttempts);
        await EditNoteAsync(note, "Peel aftercare");
        using var owner = await OwnerAsync();

        var retried = await owner.SubmitAsync(UndeliveredEvents.PathOf(undelivered), new Dictionary<string, string>(StringComparer.Ordinal));
        var (_, list) = await owner.GetPageAsync(UndeliveredEvents.Path);
        await DispatchAsync();
        await fixture.App.RunJobsAsync(AuditChainer.Name);
        var (_, audit) = await owner.GetPageAsync("/audit?action=" + UndeliveredEvents.RetriedAction);

        Assert.True(retried.IsRedirect(), $"Retry answered {(int)retried.StatusCode}.");
        Assert.Equal(UndeliveredEvents.Path, retried.RedirectTarget().AbsolutePath);
        Assert.Null(list.QuerySelector($"a[href='{UndeliveredEvents.PathOf(undelivered)}']"));
        Assert.Equal(1, await DeliveriesAsync(note));
        Assert.Contains(audit.QuerySelectorAll("table.audit tbody td"), td => td.TextContent.Trim() == UndeliveredEvents.RetriedAction);
    }

    [Fact]
    public async Task Reception_is_refused_the_undelivered_events_and_their_retry()
    {
        var note = await AddNoteAsync(Refused("laser patch test"));
        var undelivered = await EventOfAsync(note);
        await FailAsync(RetrySchedule.MaxAttempts);
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await fixture.App.AddStaffAsync(email, Roles.Reception, ClinicApp.OwnerPassword);
        using var reception = fixture.App.Browser();
        await reception.SignInAsync(email, ClinicApp.OwnerPassword);
        var token = await reception.AntiforgeryTokenAsync("/account/sessions");

        var (list, _) = await reception.GetPageAsync(UndeliveredEvents.Path);
        var (one, _) = await reception.GetPageAsync(UndeliveredEvents.PathOf(undelivered));
        var retried = await reception.PostAsync(UndeliveredEvents.PathOf(undelivered), StaffForms.Fields(("_handler", "retry"), ("__RequestVerificationToken", token)));
        var (_, start) = await reception.GetPageAsync("/start");
        using var owner = await OwnerAsync();
        var (stillSetAside, _) = await owner.GetPageAsync(UndeliveredEvents.PathOf(undelivered));

        Assert.True(IsRefused(list), $"The list answered reception {(int)list.StatusCode}.");
        Assert.True(IsRefused(one), $"The event answered reception {(int)one.StatusCode}.");
        Assert.True(IsRefused(retried), $"The retry answered reception {(int)retried.StatusCode}.");
        Assert.DoesNotContain("Undelivered events", start.NavigationLinks());
        Assert.Equal(HttpStatusCode.OK, stillSetAside.StatusCode);
    }

    [Fact]
    public async Task An_event_stored_under_a_name_no_module_declares_is_set_aside_at_once_rather_than_marked_delivered()
    {
        var unknown = Guid.CreateVersion7();
        await fixture.App.InClinicAsync(db => db.ExecuteAsync(
            "INSERT INTO sample_outbox (id, tenant_id, type, payload, occurred_at, attempts) VALUES (@unknown, @tenant_id, 'sample.note-archived.v1', '{}', @now, 0)",
            new { unknown, now = fixture.Clock.GetUtcNow() }));
        using var owner = await OwnerAsync();

        await DispatchAsync();
        var (found, page) = await owner.GetPageAsync(UndeliveredEvents.PathOf(unknown));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("No enabled module declares this event", page.QuerySelector("dl.details")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_no_module_subscribes_to_is_warned_of_at_start_up()
    {
        var warnings = fixture.Logs.Entries.Where(e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("no enabled module subscribes", StringComparison.Ordinal)).ToList();

        Assert.Contains(warnings, w => w.Contains("Booking publishes booking.appointment-completed.v1", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains(NoteAdded, StringComparison.Ordinal) || w.Contains("booking.appointment-booked.v1", StringComparison.Ordinal));
    }

    /// <summary>A note the sample handler refuses to count until its text is edited.</summary>
    private static string Refused(string text) => "Refused: " + text;

    private static string InClinicTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi")).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied");

    /// <summary>Runs the dispatcher <paramref name="times"/> times, each once the last failure's wait is over.</summary>
    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await DispatchAsync();
            fixture.Clock.Advance(RetrySchedule.LongestDelay);
        }
    }

    private Task<int> DispatchAsync() => fixture.App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

    private async Task<ClinicClient> OwnerAsync()
    {
        var owner = fixture.App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    private async Task<Guid> AddNoteAsync(string text)
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        var response = await owner.Http.PostAsJsonAsync("/api/v1/sample/notes", new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private async Task EditNoteAsync(Guid note, string text)
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        var response = await owner.Http.PutAsJsonAsync($"/api/v1/sample/notes/{note}", new { text });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<long> DeliveriesAsync(Guid note) =>
        fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<long>("SELECT deliveries FROM sample_notes WHERE id = @note AND tenant_id = @tenant_id", new { note }));

    private Task<Guid> EventOfAsync(Guid note) =>
        fixture.App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM sample_outbox WHERE tenant_id = @tenant_id AND payload LIKE @note", new { note = $"%{note}%" }));

    private sealed record Created(Guid Id);
}

public sealed class UndeliveredEventsTests_on_Sqlite(UndeliveredEventsClinicOnSqlite fixture) : UndeliveredEventsTests(fixture), IClassFixture<UndeliveredEventsClinicOnSqlite>;

public sealed class UndeliveredEventsTests_on_Postgres(UndeliveredEventsClinicOnPostgres fixture) : UndeliveredEventsTests(fixture), IClassFixture<UndeliveredEventsClinicOnPostgres>;
