using System.Net;
using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Booking.ClientMerges;
using Clinic.Modules.Clients.Contracts;
using Clinic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Clients;

/// <summary>Staff find clients sharing a mobile or email and merge them into the record they keep.</summary>
public abstract class MergeClientsTests(AppFixture fixture)
{
    private const string Password = "a long and private passphrase";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Clients_sharing_a_mobile_or_an_email_in_another_case_are_listed_together()
    {
        var phone = NewPhone();
        var mark = Guid.NewGuid().ToString("N");
        var first = await AddAsync("Ayesha", "Khan", phone, null);
        var second = await AddAsync("Aisha", "Khan", phone, null);
        var byEmail = await AddAsync("Hira", "Malik", NewPhone(), $"hira.{mark}@example.com");
        var byEmailAgain = await AddAsync("Hira", "Malik", NewPhone(), $"HIRA.{mark}@Example.com");
        var alone = await AddAsync("Sana", "Raza", NewPhone(), $"sana.{mark}@example.com");
        using var reception = await StaffAsync(Roles.Reception);

        var (response, page) = await reception.GetPageAsync("/clients/duplicates");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"/clients/{first}/merge", $"/clients/{second}/merge"], KeepLinks(page, "mobile", phone));
        Assert.Equal([$"/clients/{byEmail}/merge", $"/clients/{byEmailAgain}/merge"], KeepLinks(page, "email", $"hira.{mark}@example.com"));
        Assert.DoesNotContain($"/clients/{alone}/merge", page.QuerySelectorAll("a.keep").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Merging_moves_tags_consents_and_appointments_fills_blanks_deletes_the_duplicate_and_is_audited_for_both()
    {
        var phone = NewPhone();
        var kept = await AddAsync("Ayesha", "Khan", phone, null);
        var merged = await AddAsync("Aisha", "Khan", phone, "aisha@example.com", address: "12 Canal View, Lahore");
        await App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @kept, 'VIP')", new { kept });
            await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @merged, 'vip'), (@tenant_id, @merged, 'Bridal')", new { merged });
            return await db.ExecuteAsync(
                "INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at) VALUES (@id, @tenant_id, @merged, 'sms', TRUE, 'In person', @now)",
                new { id = Guid.CreateVersion7(), merged, now = App.Clock.GetUtcNow() });
        });
        await App.BookAsync(merged, "Hydrafacial", App.Clock.GetUtcNow().AddDays(3));
        using var reception = await StaffAsync(Roles.Reception);
        var (_, form) = await reception.GetPageAsync($"/clients/{kept}/merge");
        HttpResponseMessage response = null!;

        var recorded = await App.RecordedDuringAsync(async () => response = await reception.SubmitAsync(
            $"/clients/{kept}/merge", StaffForms.Fields(("MergeIds", merged.ToString())), "form.merge-clients"));
        var stored = await App.InClinicAsync(db => db.QuerySingleOrDefaultAsync<Stored>(
            "SELECT phone AS Phone, email AS Email, address AS Address, first_name AS FirstName FROM clients_clients WHERE tenant_id = @tenant_id AND id = @kept", new { kept }));
        var events = await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM clients_outbox WHERE tenant_id = @tenant_id AND type = @type", new { type = EventNames.Of<ClientsMerged>() }));
        var appointmentsBefore = await AppointmentsOfAsync(kept);
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

        Assert.NotNull(form.QuerySelector($"form.merge-clients input[name='MergeIds'][value='{merged}']"));
        Assert.True(response.IsRedirect(), $"answered {(int)response.StatusCode}");
        Assert.Equal($"/clients/{kept}", response.RedirectTarget().AbsolutePath);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", merged));
        Assert.Equal(new Stored { Phone = phone, Email = "aisha@example.com", Address = "12 Canal View, Lahore", FirstName = "Ayesha" }, stored);
        Assert.Equal(["Bridal", "VIP"], await App.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT tag FROM clients_client_tags WHERE tenant_id = @tenant_id AND client_id = @kept ORDER BY tag", new { kept })));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM clients_consent_changes WHERE tenant_id = @tenant_id AND client_id = @id", kept));
        var published = JsonDocument.Parse(Assert.Single(events, e => e.Contains(merged.ToString(), StringComparison.Ordinal))).RootElement;
        Assert.Equal(kept, published.GetProperty("keptClientId").GetGuid());
        Assert.Single(recorded, e => e.Action == "clients.merged" && e.ClientId == kept);
        Assert.Single(recorded, e => e.Action == "clients.merged" && e.ClientId == merged);
        Assert.Equal(0, appointmentsBefore);
        Assert.Equal(1, await AppointmentsOfAsync(kept));
        Assert.Equal(0, await AppointmentsOfAsync(merged));
    }

    [Fact]
    public async Task A_client_that_shares_nothing_with_the_kept_record_is_refused_and_nothing_changes()
    {
        var kept = await AddAsync("Ayesha", "Khan", NewPhone(), null);
        var other = await AddAsync("Zara", "Butt", NewPhone(), null);
        using var reception = await StaffAsync(Roles.Reception);
        var token = await reception.AntiforgeryTokenAsync("/account/password");

        var response = await reception.PostAsync($"/clients/{kept}/merge", StaffForms.Fields(
            ("_handler", "merge-clients"), ("__RequestVerificationToken", token), ("MergeIds", other.ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose at least one record", (await response.PageAsync()).QuerySelector("#merge-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", other));
    }

    [Fact]
    public async Task A_clinician_may_neither_list_duplicates_nor_merge()
    {
        var phone = NewPhone();
        var kept = await AddAsync("Ayesha", "Khan", phone, null);
        var merged = await AddAsync("Aisha", "Khan", phone, null);
        using var clinician = await StaffAsync(Roles.Clinician);
        var token = await clinician.AntiforgeryTokenAsync("/account/password");

        var (list, _) = await clinician.GetPageAsync("/clients/duplicates");
        var posted = await clinician.PostAsync($"/clients/{kept}/merge", StaffForms.Fields(
            ("_handler", "merge-clients"), ("__RequestVerificationToken", token), ("MergeIds", merged.ToString())));

        Assert.True(Refused(list), $"answered {(int)list.StatusCode}");
        Assert.True(Refused(posted), $"answered {(int)posted.StatusCode}");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", merged));
    }

    internal sealed record Stored
    {
        public string? Phone { get; init; }

        public string? Email { get; init; }

        public string? Address { get; init; }

        public string FirstName { get; init; } = "";
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden || (response.IsRedirect() && response.RedirectTarget().AbsolutePath == "/access-denied");

    private static List<string?> KeepLinks(AngleSharp.Html.Dom.IHtmlDocument page, string kind, string shared) =>
        [.. page.QuerySelectorAll($"section.duplicate-group[data-kind='{kind}'][data-shared='{shared}'] a.keep").Select(a => a.GetAttribute("href"))];

    private static string NewPhone() => "+9233" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<long> AppointmentsOfAsync(Guid client) =>
        CountAsync("SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND client_id = @id", client);

    private Task<long> CountAsync(string sql, Guid id) => App.InClinicAsync(db => db.ExecuteScalarAsync<long>(sql, new { id }));

    /// <summary>
    /// Adds a client a second after the one before, as a front desk would: clients added in the same instant are
    /// listed in id order, and two version 7 ids made in the same millisecond compare at random.
    /// </summary>
    private Task<Guid> AddAsync(string first, string last, string phone, string? email, string? address = null)
    {
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        return App.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, address, created_at)
                VALUES (@id, @tenant_id, @first, @last, @phone, @email, @address, @now)
                """,
                new { id, first, last, phone, email, address, now = App.Clock.GetUtcNow() });
            return id;
        });
    }

    private async Task<ClinicClient> StaffAsync(string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }
}

public sealed class MergeClientsTests_on_Sqlite(SqliteApp fixture) : MergeClientsTests(fixture), IClassFixture<SqliteApp>;

public sealed class MergeClientsTests_on_Postgres(PostgresApp fixture) : MergeClientsTests(fixture), IClassFixture<PostgresApp>;
