using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.SignInProtection;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Clinic.Host.Tests.Messaging.SecretLinks;

/// <summary>
/// A clinic that emails every kind of secret link through a real SMTP server, with a receptionist walking every page
/// she can reach afterwards and each recipient following their link, while everything the app logs is kept. The story
/// runs once; the tests read what it left behind.
/// </summary>
public abstract partial class SecretLinkClinic(DatabaseProvider provider) : SmtpDispatchClinic(provider)
{
    public const string JoinPassword = "my own sentence for the clinic";

    private Task<Story>? _story;

    public CapturedLogs Logs { get; } = new();

    /// <summary>A link a recipient got, what kind it is, and its token.</summary>
    public sealed record Link(string Kind, string Url)
    {
        public string Path => new Uri(Url).AbsolutePath;

        public string Token => Path.Split('/')[^1];
    }

    /// <summary>A page the receptionist opened: where, what it answered, and its text.</summary>
    public sealed record Visit(string Path, HttpStatusCode Status, string Text);

    /// <summary>What the story left: the links that arrived, the receptionist's walk, each link followed, and who was invited.</summary>
    public sealed record Story(IReadOnlyList<Link> Links, IReadOnlyList<Visit> ReceptionWalk, IReadOnlyDictionary<string, HttpStatusCode[]> Followed, string Invitee);

    /// <summary>Tells the story the first time a test asks (the tests of a class run one at a time), then recalls it.</summary>
    public Task<Story> StoryAsync() => _story ??= TellAsync();

    protected override ClinicApp Create(TestDatabase database) => new LoggedClinicApp(database, Settings, Logs);

    private async Task<Story> TellAsync()
    {
        await DaytimeAsync();
        using var owner = App.Browser();
        await owner.SignInAsync();
        var allowed = await owner.SubmitAsync("/staff/sign-in-settings", StaffForms.Fields(("Input.AllowLinks", "true")));
        Assert.True(allowed.IsRedirect(), $"allowing sign-in links answered {(int)allowed.StatusCode}");
        using var reception = await ReceptionAsync();

        // An invitation to become an owner, the owner's sign-in link (asked for by anyone who knows the address), a
        // client's portal link, booking links from online and staff booking, and a waitlist offer.
        var invitee = $"new-owner-{Guid.NewGuid():N}@clinic.test";
        Assert.True((await owner.InviteAsync("Nadia Owner", invitee, Roles.Owner)).IsRedirect());
        using (var anyone = App.Browser())
            await anyone.SubmitAsync("/sign-in/email", StaffForms.Fields(("Input.Email", ClinicApp.OwnerEmail)));
        var (portalClient, portalEmail) = await AddClientAsync(consentsToEmail: false);
        using (var client = App.Browser())
            await client.AskForPortalLinkAsync(portalEmail);
        var bookingProvider = await App.AddProviderAsync(TimeOnly.MinValue, TimeOnly.MinValue);
        var service = await App.AddServiceAsync([bookingProvider]);
        var day = this.KarachiDay(2, 15);
        var onlineEmail = $"online-{Guid.NewGuid():N}@example.test";
        using (var visitor = App.Browser())
        {
            var held = await visitor.HoldAsync(service, bookingProvider, DateOnly.FromDateTime(day.Date), day);
            var booking = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact($"Online-{Guid.NewGuid():N}", OnlineVisitor.NewMobile(), onlineEmail));
            Assert.True(booking.IsRedirect(), $"booking online answered {(int)booking.StatusCode}");
        }

        var (waiting, waitingEmail) = await AddClientAsync(consentsToEmail: false);
        await WaitForAsync(waiting, service);
        var (booked, bookedEmail) = await AddClientAsync(consentsToEmail: false);
        var appointment = await reception.BookedAsync(booked, service, bookingProvider, this.KarachiDay(2, 16));
        await DispatchAsync();
        // Cancelling frees the slot for the client waiting; a booking cancelled before its confirmation went is skipped.
        Assert.True((await reception.CancelAsync(appointment, "Client asked")).IsRedirect());
        var (changedMind, _) = await AddClientAsync(consentsToEmail: false);
        var unconfirmed = await reception.BookedAsync(changedMind, service, bookingProvider, this.KarachiDay(2, 17));
        Assert.True((await reception.CancelAsync(unconfirmed, "Booked in error")).IsRedirect());
        await DispatchAsync();
        (string To, string Kind)[] expected =
        [
            (invitee, "invite"), (ClinicApp.OwnerEmail, "sign-in/link"), (portalEmail, "portal/link"),
            (onlineEmail, "booking/manage"), (bookedEmail, "booking/manage"), (waitingEmail, "waitlist/offer"),
        ];
        foreach (var (to, kind) in expected)
        {
            try
            {
                await Smtp.WaitForAsync(m => m.To == to && m.Body.Contains($"http://localhost/{kind}/", StringComparison.Ordinal));
            }
            catch (TimeoutException e)
            {
                var messages = await App.InClinicAsync(db => db.QueryAsync<string>(
                    "SELECT kind || ' to ' || COALESCE(recipient, to_email, '?') || ': ' || status || ' ' || COALESCE(status_detail, '') FROM messaging_messages WHERE tenant_id = @tenant_id"));
                throw new TimeoutException($"No {kind} link arrived for {to}. Messages: {string.Join("; ", messages)}", e);
            }
        }
        var links = Smtp.Received().SelectMany(m => SecretLink().Matches(m.Body)).Select(m => new Link(m.Groups["kind"].Value, m.Value)).ToList();

        var walk = await WalkAsync(reception, ["/messages", "/messages?status=failed", "/messages?status=not-sent", "/messages?status=queued", $"/clients/{portalClient}/messages", $"/clients/{waiting}/messages", "/start"]);
        return new Story(links, walk, await FollowAsync(links), invitee);
    }

    private async Task WaitForAsync(Guid client, Guid service) =>
        await App.InClinicAsync(async db =>
        {
            var entry = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, source, status, created_at)
                VALUES (@entry, @tenant_id, @client, @service, NULL, 'staff', 'Waiting', @now)
                """,
                new { entry, client, service, now = Clock.GetUtcNow() });
            return await db.ExecuteAsync(
                "INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute) VALUES (@tenant_id, @entry, 0, 127, 0, 1440)",
                new { entry });
        });

    /// <summary>Every page reachable from the starting points by following links, up to a bound (the diary pages on forever).</summary>
    private static async Task<IReadOnlyList<Visit>> WalkAsync(ClinicClient browser, IEnumerable<string> from)
    {
        var parser = new HtmlParser();
        var queue = new Queue<string>(from);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var visits = new List<Visit>();
        while (queue.TryDequeue(out var path) && visits.Count < 150)
        {
            var (response, _) = await browser.GetPageAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            visits.Add(new Visit(path, response.StatusCode, text));
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
                continue;

            foreach (var href in (await parser.ParseDocumentAsync(text)).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                var file = href.Split('?')[0].Split('/')[^1];
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && (!file.Contains('.', StringComparison.Ordinal) || file.EndsWith(".csv", StringComparison.Ordinal)) && seen.Add(href))
                    queue.Enqueue(href);
            }
        }

        return visits;
    }

    /// <summary>Each recipient follows their link twice: one-time links work once, the others every time.</summary>
    private async Task<IReadOnlyDictionary<string, HttpStatusCode[]>> FollowAsync(IReadOnlyList<Link> links)
    {
        var followed = new Dictionary<string, HttpStatusCode[]>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            using var recipient = App.Browser();
            var first = link.Kind switch
            {
                "invite" => await recipient.SubmitAsync(link.Path, StaffForms.Fields(("Input.Password", JoinPassword), ("Input.ConfirmPassword", JoinPassword))),
                "sign-in/link" or "portal/link" => await recipient.FollowLinkAsync(link.Path),
                _ => (await recipient.GetPageAsync(link.Path)).Response,
            };
            var (again, _) = await recipient.GetPageAsync(link.Path);
            followed[link.Url] = [first.StatusCode, again.StatusCode];
        }

        return followed;
    }

    [GeneratedRegex(@"http://localhost/(?<kind>invite|sign-in/link|portal/link|booking/manage|waitlist/offer)/[A-Za-z0-9_-]+", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretLink();

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

public sealed class SecretLinkClinicOnSqlite() : SecretLinkClinic(DatabaseProvider.Sqlite);

public sealed class SecretLinkClinicOnPostgres() : SecretLinkClinic(DatabaseProvider.Postgres);
