using System.Net;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Messaging.SecretLinks;

/// <summary>
/// Sign-in, invitation, portal, booking and waitlist links go to their recipient and nowhere else (ADR 0018): not to
/// the receptionist reading the message log, not into any table once sent, not into the logs.
/// </summary>
public abstract partial class SecretLinkTests(SecretLinkClinic clinic)
{
    private static readonly string[] Hidden = ["invitation link (hidden)", "sign-in link (hidden)", "booking link (hidden)", "offer link (hidden)"];

    [Fact]
    public async Task Every_kind_of_secret_link_reached_its_recipient_in_full()
    {
        var story = await clinic.StoryAsync();

        Assert.Equal(["booking/manage", "booking/manage", "invite", "portal/link", "sign-in/link", "waitlist/offer"], story.Links.Select(l => l.Kind).Order(StringComparer.Ordinal));
        Assert.All(story.Links, l => Assert.Matches("^[A-Za-z0-9_-]{43}$", l.Token));
    }

    [Fact]
    public async Task Reception_reads_no_secret_link_on_any_page_she_can_reach_only_the_hidden_wording()
    {
        var story = await clinic.StoryAsync();

        var leaks = from visit in story.ReceptionWalk
                    from link in story.Links
                    where visit.Text.Contains(link.Token, StringComparison.Ordinal)
                    select $"{visit.Path} shows the {link.Kind} link";
        Assert.Empty(leaks);
        // She did open every message that carried one: each shows the link's place, hidden.
        Assert.All(Hidden, hidden => Assert.Contains(story.ReceptionWalk, v => v.Status == HttpStatusCode.OK && MessagePage().IsMatch(v.Path) && v.Text.Contains(hidden, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_link_works_for_its_recipient_and_a_one_time_link_only_once()
    {
        var story = await clinic.StoryAsync();

        Assert.All(story.Links, link =>
        {
            var (first, again) = (story.Followed[link.Url][0], story.Followed[link.Url][1]);
            if (link.Kind is "invite" or "sign-in/link" or "portal/link")
                Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Gone), (Redirected(first), again));
            else
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, again));
        });
        Assert.Equal(Roles.Owner, await clinic.App.InClinicAsync(db => db.ExecuteScalarAsync<string>(
            "SELECT role FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @email", new { email = story.Invitee })));
    }

    [Fact]
    public async Task Once_sent_no_table_holds_a_link_its_token_or_a_sealed_secret()
    {
        var story = await clinic.StoryAsync();

        var found = await clinic.App.Database.WhereAsync([.. story.Links.Select(l => l.Url), .. story.Links.Select(l => l.Token), "\"$sealed\":\""]);

        Assert.Empty(found);
    }

    [Fact]
    public async Task No_link_or_token_reaches_the_logs()
    {
        var story = await clinic.StoryAsync();

        var leaks = clinic.Logs.Entries.Where(entry => story.Links.Any(l => entry.Contains(l.Token, StringComparison.Ordinal)));

        Assert.Empty(leaks);
        Assert.NotEmpty(clinic.Logs.Entries);
    }

    private static HttpStatusCode Redirected(HttpStatusCode status) =>
        status is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect ? HttpStatusCode.Redirect : status;

    [GeneratedRegex("^/messages/[0-9a-f-]{36}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MessagePage();
}

public sealed class SecretLinkTests_on_Sqlite(SecretLinkClinicOnSqlite clinic) : SecretLinkTests(clinic), IClassFixture<SecretLinkClinicOnSqlite>;

public sealed class SecretLinkTests_on_Postgres(SecretLinkClinicOnPostgres clinic) : SecretLinkTests(clinic), IClassFixture<SecretLinkClinicOnPostgres>;
