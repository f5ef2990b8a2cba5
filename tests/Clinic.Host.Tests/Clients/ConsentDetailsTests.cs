using System.Net;
using AngleSharp.Html.Dom;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>Each consent change shows when it happened in the clinic's time zone (Asia/Karachi, UTC+5) and who recorded it.</summary>
public abstract class ConsentDetailsTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task The_history_shows_local_times_and_the_staff_member_or_source_behind_each_change()
    {
        var email = NewEmail();
        using var reception = await StaffAsync(email, Roles.Reception);
        var receptionName = StaffName(email, Roles.Reception);
        var id = await App.AddClientAsync("Hira", $"Shah-{Guid.NewGuid():N}", null);
        // 20:30 UTC on 1 March is 01:30 on 2 March in Karachi.
        await AddChangeAsync(id, "email", granted: true, "Client portal", new DateTimeOffset(2026, 3, 1, 20, 30, 0, TimeSpan.Zero));

        Assert.True((await reception.ChangeConsentAsync(id, "sms", "yes", "Phone call")).IsRedirect());
        var (_, page) = await reception.GetPageAsync($"/clients/{id}/consents");
        var recordedAt = await App.InClinicAsync(db => db.ExecuteScalarAsync<DateTimeOffset>(
            "SELECT changed_at FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @id AND channel = 'sms'", new { id }));

        Assert.Equal("2 Mar 2026, 01:30", Cell(page, "email", "when"));
        Assert.Equal("Client (portal)", Cell(page, "email", "by"));
        Assert.Equal(recordedAt.ToOffset(TimeSpan.FromHours(5)).ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture), Cell(page, "sms", "when"));
        Assert.Equal(receptionName, Cell(page, "sms", "by"));
        Assert.Equal(receptionName, page.QuerySelector("ol.consent-history li[data-channel='sms'] .by")?.TextContent);
        Assert.Equal(await StaffIdAsync(receptionName), await App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>(
            "SELECT changed_by FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @id AND channel = 'sms'", new { id })));
    }

    [Fact]
    public async Task A_clinician_reads_consents_on_the_profile_but_cannot_change_them()
    {
        var id = await App.AddClientAsync("Hira", $"Shah-{Guid.NewGuid():N}", null);
        await AddChangeAsync(id, "whatsapp", granted: true, "In person", App.Clock.GetUtcNow());
        using var clinician = await StaffAsync(NewEmail(), Roles.Clinician);
        var token = await clinician.AntiforgeryTokenAsync("/account/password");

        var (viewed, profile) = await clinician.GetPageAsync($"/clients/{id}");
        var (consentsPage, _) = await clinician.GetPageAsync($"/clients/{id}/consents");
        var posted = await clinician.PostAsync($"/clients/{id}/consents", StaffForms.Fields(
            ("_handler", "change-consent"), ("__RequestVerificationToken", token),
            ("Input.Channel", "whatsapp"), ("Input.Granted", "no"), ("Input.Source", "In person")));

        Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
        Assert.Equal("Yes", Cell(profile, "whatsapp", "granted"));
        Assert.Equal("Not asked", Cell(profile, "sms", "granted"));
        Assert.Single(profile.QuerySelectorAll("ol.consent-history li"));
        Assert.Null(profile.QuerySelector($"a[href='/clients/{id}/consents']"));
        Assert.Null(profile.QuerySelector("form.change-consent"));
        Assert.True(Refused(consentsPage), $"answered {(int)consentsPage.StatusCode}");
        Assert.True(Refused(posted), $"answered {(int)posted.StatusCode}");
        Assert.Equal(1, await App.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @id", new { id })));
    }

    [Fact]
    public async Task Reception_sees_the_link_to_change_consents_on_the_profile()
    {
        using var reception = await StaffAsync(NewEmail(), Roles.Reception);
        var id = await App.AddClientAsync("Hira", $"Shah-{Guid.NewGuid():N}", null);

        var (_, profile) = await reception.GetPageAsync($"/clients/{id}");

        Assert.NotNull(profile.QuerySelector($"a[href='/clients/{id}/consents']"));
        Assert.Equal("Not asked", Cell(profile, "email", "granted"));
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied");

    private static string? Cell(IHtmlDocument page, string channel, string cell) =>
        page.QuerySelector($"table.consents-now tr[data-channel='{channel}'] .{cell}")?.TextContent.Trim();

    private Task<int> AddChangeAsync(Guid clientId, string channel, bool granted, string source, DateTimeOffset at) =>
        App.InClinicAsync(db => db.ExecuteAsync(
            """
            INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at)
            VALUES (@id, @tenant_id, @clientId, @channel, @granted, @source, @at)
            """,
            new { id = Guid.CreateVersion7(), clientId, channel, granted, source, at }));

    private Task<Guid> StaffIdAsync(string name) =>
        App.InClinicAsync(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND name = @name", new { name }));

    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@clinic.test";

    // App.AddStaffAsync names staff after their role and address.
    private static string StaffName(string email, string role) => role + " " + email.Split('@')[0];

    private async Task<ClinicClient> StaffAsync(string email, string role)
    {
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }
}

public sealed class ConsentDetailsTests_on_Sqlite(SqliteApp fixture) : ConsentDetailsTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConsentDetailsTests_on_Postgres(PostgresApp fixture) : ConsentDetailsTests(fixture), IClassFixture<PostgresApp>;
