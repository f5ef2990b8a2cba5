using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Booking;

/// <summary>
/// A provider subscribes to their own appointments from a calendar app: RFC 5545 text behind a secret URL, with the
/// client's initials and the service only, revocable, and audited per fetch.
/// </summary>
public abstract class CalendarFeedTests(BookingClinic clinic)
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Five = new(17, 0);

    [Fact]
    public async Task The_feed_lists_the_providers_appointments_in_utc_with_initials_and_the_service_only()
    {
        var (clinician, provider) = await ClinicianAsync();
        var service = await clinic.App.AddServiceAsync([provider], minutes: 45);
        var client = await clinic.App.AddBookableClientAsync();
        var otherProvider = await clinic.App.AddProviderAsync(Nine, Five);
        var otherService = await clinic.App.AddServiceAsync([otherProvider]);
        using var reception = await clinic.ReceptionAsync();
        var local = clinic.KarachiDay(3, 10, 30);
        var id = await reception.BookedAsync(client, service, provider, local);
        var others = await reception.BookedAsync(client, otherService, otherProvider, local);
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            "UPDATE booking_appointments SET notes = 'Allergic to lidocaine' WHERE tenant_id = @tenant_id AND id = @id", new { id }));
        var (name, phone, email) = await ContactOfAsync(client);
        var url = await CreateFeedAsync(clinician);

        HttpResponseMessage response = null!;
        var recorded = await clinic.App.RecordedDuringAsync(async () => response = await AnonymousGetAsync(url));
        var body = await response.Content.ReadAsStringAsync();
        var vevent = Event(body, id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.DoesNotContain("\n", body.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", body, StringComparison.Ordinal);
        Assert.Contains("\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:", body, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", body, StringComparison.Ordinal);
        Assert.Contains("DTSTART:" + Utc(local), vevent);
        Assert.Contains("DTEND:" + Utc(local.AddMinutes(45)), vevent);
        Assert.Contains(vevent, l => l.StartsWith("DTSTAMP:", StringComparison.Ordinal) && l.EndsWith('Z') && l.Length == "DTSTAMP:".Length + 16);
        Assert.Contains("SEQUENCE:0", vevent);
        Assert.Contains("STATUS:CONFIRMED", vevent);
        Assert.Contains($"SUMMARY:S.M. – HydraFacial {service:N}", vevent);
        Assert.DoesNotContain(others.ToString(), body, StringComparison.Ordinal);
        foreach (var secret in new[] { name, name.Split(' ')[^1], phone, email, "lidocaine" })
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        var read = Assert.Single(recorded);
        Assert.Equal(("calendar.feed.read", provider), (read.Action, read.RecordId));
    }

    [Fact]
    public async Task Rescheduling_raises_the_sequence_and_moves_the_start_and_cancelling_marks_the_event_cancelled()
    {
        var (clinician, provider) = await ClinicianAsync();
        var service = await clinic.App.AddServiceAsync([provider]);
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(4, 11));
        var url = await CreateFeedAsync(clinician);
        var before = Event(await FeedAsync(url), id);

        var moved = clinic.KarachiDay(4, 15);
        Assert.True((await reception.RescheduleAsync(id, moved)).IsRedirect());
        var rescheduled = Event(await FeedAsync(url), id);
        Assert.True((await reception.CancelAsync(id, "Client unwell")).IsRedirect());
        var cancelled = Event(await FeedAsync(url), id);

        Assert.Contains("DTSTART:" + Utc(clinic.KarachiDay(4, 11)), before);
        Assert.Contains("DTSTART:" + Utc(moved), rescheduled);
        Assert.True(Sequence(rescheduled) > Sequence(before));
        Assert.Contains("STATUS:CANCELLED", cancelled);
        Assert.True(Sequence(cancelled) > Sequence(rescheduled));
    }

    [Fact]
    public async Task A_revoked_or_replaced_address_answers_404_and_the_page_shows_an_address_only_once()
    {
        var (clinician, _) = await ClinicianAsync();
        var first = await CreateFeedAsync(clinician);
        var second = await CreateFeedAsync(clinician);
        var (_, later) = await clinician.GetPageAsync("/calendar-feed");

        var replaced = await AnonymousGetAsync(first);
        var live = await AnonymousGetAsync(second);
        var recorded = await clinic.App.RecordedDuringAsync(async () =>
            Assert.True((await clinician.SubmitAsync("/calendar-feed", StaffForms.Fields(), "form.revoke-calendar-feed")).IsSuccessStatusCode));
        var revoked = await AnonymousGetAsync(second);
        var unknown = await AnonymousGetAsync("/calendar/" + SecretToken.Create() + ".ics");

        Assert.Null(later.QuerySelector("#feed-url"));
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(recorded, e => e.Action == "calendar.feed.revoked");
    }

    [Fact]
    public async Task Long_text_is_escaped_and_folded_at_75_octets_without_splitting_a_character()
    {
        var (clinician, provider) = await ClinicianAsync();
        var service = await clinic.App.AddServiceAsync([provider]);
        var name = $"Glow; peel, and \\ calm – عائشہ کا فیشل 😀 {service:N} with a long, long description";
        await clinic.App.InClinicAsync(db => db.ExecuteAsync(
            "UPDATE booking_services SET name = @name WHERE tenant_id = @tenant_id AND id = @service", new { name, service }));
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(6, 12));

        using var response = await AnonymousGetAsync(await CreateFeedAsync(clinician));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var physical = Split(bytes);

        Assert.All(physical, line => Assert.True(line.Length <= 75, $"{line.Length} octets: {Encoding.UTF8.GetString(line)}"));
        Assert.All(physical, line => strict.GetString(line));
        Assert.Contains(physical, line => line.Length > 0 && line[0] == (byte)' ');
        Assert.Contains("SUMMARY:S.M. – Glow\\; peel\\, and \\\\ calm – عائشہ کا فیشل 😀 " + service.ToString("N") + " with a long\\, long description",
            Event(strict.GetString(bytes), id));
    }

    [Fact]
    public async Task A_standard_icalendar_parser_reads_the_feed()
    {
        var (clinician, provider) = await ClinicianAsync();
        var service = await clinic.App.AddServiceAsync([provider]);
        using var reception = await clinic.ReceptionAsync();
        var id = await reception.BookedAsync(await clinic.App.AddBookableClientAsync(), service, provider, clinic.KarachiDay(7, 9, 30));
        var body = await FeedAsync(await CreateFeedAsync(clinician));

        var parsed = await ParseWithPythonAsync(body);

        Assert.Contains($"{id}@calendar.clinic.app|{Utc(clinic.KarachiDay(7, 9, 30))}|CONFIRMED|0", parsed, StringComparison.Ordinal);
    }

    private async Task<(ClinicClient Browser, Guid Id)> ClinicianAsync()
    {
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await clinic.App.AddStaffAsync(email, Roles.Clinician, BookingClinic.Password);
        var id = await clinic.App.StaffIdAsync(email);
        foreach (var weekday in Enumerable.Range(0, 7))
            await clinic.App.AddHoursAsync(id, (DayOfWeek)weekday, Nine, Five);
        var browser = clinic.App.Browser();
        await browser.SignInAsync(email, BookingClinic.Password);
        return (browser, id);
    }

    /// <summary>Creates a feed from the staff page and returns its path, as the page shows it once.</summary>
    private static async Task<string> CreateFeedAsync(ClinicClient clinician)
    {
        var response = await clinician.SubmitAsync("/calendar-feed", StaffForms.Fields(), "form.create-calendar-feed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await response.PageAsync()).QuerySelector("#feed-url")?.GetAttribute("value") ?? throw new InvalidOperationException("No address shown.");
        return new Uri(url).AbsolutePath;
    }

    private async Task<HttpResponseMessage> AnonymousGetAsync(string path)
    {
        using var browser = clinic.App.Browser();
        return await browser.Http.GetAsync(path);
    }

    private async Task<string> FeedAsync(string path)
    {
        using var response = await AnonymousGetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(string Name, string Phone, string Email)> ContactOfAsync(Guid client)
    {
        var contact = await clinic.App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<Contact>(
            "SELECT first_name || ' ' || last_name AS Name, phone AS Phone, email AS Email FROM clients_clients WHERE tenant_id = @tenant_id AND id = @client",
            new { client }));
        return (contact!.Name, contact.Phone, contact.Email);
    }

    /// <summary>The unfolded content lines of the one event with this appointment's UID.</summary>
    internal static IReadOnlyList<string> Event(string body, Guid appointment)
    {
        var lines = body.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        var uid = Array.IndexOf(lines, $"UID:{appointment}@calendar.clinic.app");
        Assert.True(uid > 0, $"No event for {appointment}.");
        var end = Array.IndexOf(lines, "END:VEVENT", uid);
        return lines[(Array.LastIndexOf(lines, "BEGIN:VEVENT", uid) + 1)..end];
    }

    private static int Sequence(IReadOnlyList<string> vevent) =>
        int.Parse(vevent.Single(l => l.StartsWith("SEQUENCE:", StringComparison.Ordinal))["SEQUENCE:".Length..], CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset local) => local.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 2;
            }
        }

        return lines;
    }

    /// <summary>Debian's python3-icalendar, an independent RFC 5545 parser: "uid|dtstart in UTC|status|sequence" per event.</summary>
    private static async Task<string> ParseWithPythonAsync(string body)
    {
        const string Script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            assert cal['VERSION'] == '2.0' and cal['PRODID'] and cal['METHOD'] == 'PUBLISH'
            for e in cal.walk('VEVENT'):
                start = e.decoded('DTSTART'); end = e.decoded('DTEND'); stamp = e.decoded('DTSTAMP')
                assert start.utcoffset().total_seconds() == 0 and end > start and stamp.tzinfo is not None
                print('%s|%s|%s|%s' % (e['UID'], start.strftime('%Y%m%dT%H%M%SZ'), e['STATUS'], e['SEQUENCE']))
            """;
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        await python.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(body));
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, error);
        return output;
    }

    private sealed class Contact
    {
        public string Name { get; init; } = "";

        public string Phone { get; init; } = "";

        public string Email { get; init; } = "";
    }
}

public sealed class CalendarFeedTests_on_Sqlite(BookingClinicOnSqlite clinic) : CalendarFeedTests(clinic), IClassFixture<BookingClinicOnSqlite>;

public sealed class CalendarFeedTests_on_Postgres(BookingClinicOnPostgres clinic) : CalendarFeedTests(clinic), IClassFixture<BookingClinicOnPostgres>;
