using System.Globalization;
using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Messaging.Replies;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Callbacks;

/// <summary>
/// Clients who replied R wait on reception's list, oldest first, with what they replied to; Done records who called
/// back and when, takes them off the open list and onto the done one.
/// </summary>
public abstract class CallbackTests(MessagingClinic clinic)
{
    [Fact]
    public async Task Reception_sees_who_asked_for_a_call_and_what_they_replied_to_and_Done_moves_them_to_the_done_list()
    {
        var now = clinic.Clock.GetUtcNow();
        var first = await AskedAsync(now.AddHours(-3), "appointment.reminder");
        var second = await AskedAsync(now.AddHours(-1), null);
        var email = $"reception-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Reception, BookingClinic.Password);
        using var reception = clinic.App.Browser();
        await reception.SignInAsync(email, BookingClinic.Password);
        var receptionist = await clinic.App.StaffIdAsync(email);

        var (listed, open) = await reception.GetPageAsync("/messages/callbacks");
        var rows = open.QuerySelectorAll("table.callbacks tbody tr").Where(r => Mine(r.TextContent, first, second)).ToList();
        HttpResponseMessage done = null!;
        var audit = await clinic.App.RecordedDuringAsync(async () =>
            done = await reception.SubmitAsync("/messages/callbacks", StaffForms.Fields(), $"form[action='/messages/callbacks/{first.Callback}/done']"));
        var (_, afterwards) = await reception.GetPageAsync("/messages/callbacks");
        var (_, doneList) = await reception.GetPageAsync("/messages/callbacks?show=done");
        var recorded = await clinic.App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<DoneRow>(
            "SELECT done_at AS DoneAt, done_by AS DoneBy FROM messaging_callbacks WHERE tenant_id = @tenant_id AND id = @id", new { id = first.Callback }));

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(2, rows.Count);
        Assert.Contains(first.Name, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/clients/{first.Client}", rows[0].QuerySelector("td a")!.GetAttribute("href"));
        Assert.Contains(Local(now.AddHours(-3)), rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/messages/{first.RepliedTo}", rows[0].QuerySelectorAll("td a")[1].GetAttribute("href"));
        Assert.Contains("Appointment reminder", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(second.Name, rows[1].TextContent, StringComparison.Ordinal);
        Assert.True(done.IsRedirect(), $"answered {(int)done.StatusCode}");
        Assert.Equal("/messages/callbacks", done.RedirectTarget().AbsolutePath);
        Assert.Single(audit, e => e.Action == "messages.callback_done" && e.ClientId == first.Client);
        Assert.DoesNotContain(first.Name, afterwards.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(second.Name, afterwards.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(first.Name, doneList.QuerySelector("table.callbacks")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(receptionist, recorded!.DoneBy);
        Assert.InRange(recorded.DoneAt!.Value, now.AddMilliseconds(-1), now.AddMilliseconds(1));
    }

    [Fact]
    public async Task An_unknown_list_or_request_is_refused_and_clinicians_cannot_open_the_list()
    {
        using var reception = await clinic.ReceptionAsync();
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Clinician, BookingClinic.Password);
        using var clinician = clinic.App.Browser();
        await clinician.SignInAsync(email, BookingClinic.Password);

        var (unknownList, _) = await reception.GetPageAsync("/messages/callbacks?show=lost");
        var (unknownRequest, _) = await reception.GetPageAsync($"/messages/callbacks/{Guid.CreateVersion7()}/done");
        var (closed, _) = await clinician.GetPageAsync("/messages/callbacks");

        Assert.Equal(HttpStatusCode.BadRequest, unknownList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRequest.StatusCode);
        Assert.Equal("/access-denied", closed.RedirectTarget().AbsolutePath);
    }

    private static bool Mine(string text, params Asked[] asked) => asked.Any(a => text.Contains(a.Name, StringComparison.Ordinal));

    private static string Local(DateTimeOffset at) => at.ToOffset(BookingForms.Karachi).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A client who was sent <paramref name="sentKind"/> (if any) and replied R at <paramref name="at"/>, as InboundMessages records it.</summary>
    private async Task<Asked> AskedAsync(DateTimeOffset at, string? sentKind)
    {
        var mobile = $"+92300{Random.Shared.Next(0, 9_999_999):D7}";
        var client = await clinic.App.AddClientAsync(mobile, email: null);
        var name = await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT first_name || ' ' || last_name FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client", new { client }));
        Guid? sent = null;
        if (sentKind is not null)
        {
            sent = Guid.CreateVersion7();
            await clinic.App.InClinicAsync(db => db.ExecuteAsync(
                """
                INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, data, channel, recipient, body,
                    status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@sent, @tenant_id, @key, @sentKind, 'transactional', FALSE, 'out', @client, '{}', 'Sms', @mobile, 'Reminder', 'Sent', 1, @when, @when, @when)
                """,
                new { sent, key = $"test:{sent}", sentKind, client, mobile, when = at.AddHours(-20) }));
        }

        await clinic.App.ReceivedAsync(client, mobile, at, channel: "Sms", body: "R");
        var callback = Guid.CreateVersion7();
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO messaging_callbacks (id, tenant_id, client_id, message_id, requested_at)
            SELECT @callback, @tenant_id, @client, id, @at FROM messaging_messages WHERE tenant_id = @tenant_id AND client_id = @client AND direction = 'in'
            """,
            new { callback, client, at }));
        return new Asked(client, name!, callback, sent);
    }

    private sealed record Asked(Guid Client, string Name, Guid Callback, Guid? RepliedTo);

    private sealed class DoneRow
    {
        public DateTimeOffset? DoneAt { get; init; }

        public Guid? DoneBy { get; init; }
    }
}

public sealed class CallbackTests_on_Sqlite(MessagingClinicOnSqlite clinic) : CallbackTests(clinic), IClassFixture<MessagingClinicOnSqlite>;

public sealed class CallbackTests_on_Postgres(MessagingClinicOnPostgres clinic) : CallbackTests(clinic), IClassFixture<MessagingClinicOnPostgres>;
