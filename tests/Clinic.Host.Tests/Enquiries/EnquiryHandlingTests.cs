using System.Globalization;
using System.Net;
using Clinic.Host.Tests.Web;
using Clinic.BuildingBlocks.Events;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Enquiries;
using Clinic.Modules.Clients.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clinic.Host.Tests.Enquiries;

/// <summary>Reception converts an enquiry to a client (a new one, or the one with the same mobile) or dismisses it; enquiries expire.</summary>
public abstract class EnquiryHandlingTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : EnquiryClinics
{
    public Task InitializeAsync() => clinics.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Converting_creates_the_client_records_it_on_the_enquiry_is_audited_and_goes_on_to_book()
    {
        var last = EnquiryForms.NewLastName();
        var phone = NewMobile();
        var id = await SendAsync(last, phone);
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);
        HttpResponseMessage converted = null!;

        var recorded = await clinics.RecordedDuringAsync(async () => converted = await reception.PressAsync(id, "convert-enquiry"));
        var stored = await clinics.EnquiryAsync(clinics.A.Id, last);
        var again = await reception.PostEnquiryAsync(id, "convert-enquiry");
        var (_, page) = await reception.GetPageAsync($"/enquiries/{id}");
        var client = await ClientAsync(stored!.ClientId!.Value);

        Assert.True(converted.IsRedirect(), $"answered {(int)converted.StatusCode}");
        Assert.Equal("/appointments/new", converted.RedirectTarget().AbsolutePath);
        Assert.Equal($"?clientId={stored.ClientId}", converted.RedirectTarget().Query);
        Assert.Equal("converted", stored.Status);
        Assert.Equal(("Ayesha", last, "+92" + phone[1..], EnquiryForms.Email(last)), client);
        Assert.Contains(recorded, e => e.Action == "clients.added" && e.ClientId == stored.ClientId);
        Assert.Contains(recorded, e => e.Action == "enquiries.converted" && e.RecordId == id && e.ClientId == stored.ClientId);
        Assert.Equal(converted.RedirectTarget(), again.RedirectTarget());
        Assert.Equal(1, await clinics.ClientCountAsync(clinics.A.Id, last));
        Assert.Equal("Converted", page.GetElementById("enquiry-status")?.TextContent);
        Assert.Equal($"/clients/{stored.ClientId}", page.QuerySelector("dl.enquiry a[href^='/clients/']")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("form.convert-enquiry"));
    }

    [Fact]
    public async Task Converting_matches_the_client_who_already_has_that_mobile_instead_of_adding_a_second()
    {
        var last = EnquiryForms.NewLastName();
        var phone = NewMobile();
        var existing = await clinics.InClinicAsync(clinics.A.Id, async db =>
        {
            var clientId = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, created_at) VALUES (@clientId, @tenant_id, 'Ayesha', @last, @phone, @now)",
                new { clientId, last, phone = "+92" + phone[1..], now = clinics.Clock.GetUtcNow() });
            return clientId;
        });
        var id = await SendAsync(last, phone);
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);
        HttpResponseMessage converted = null!;

        var recorded = await clinics.RecordedDuringAsync(async () => converted = await reception.PressAsync(id, "convert-enquiry"));

        Assert.Equal($"/appointments/new?clientId={existing}", converted.RedirectTarget().PathAndQuery);
        Assert.Equal(existing, (await clinics.EnquiryAsync(clinics.A.Id, last))!.ClientId);
        Assert.Equal(1, await clinics.ClientCountAsync(clinics.A.Id, last));
        Assert.Contains(recorded, e => e.Action == "clients.matched" && e.ClientId == existing);
        Assert.Contains(recorded, e => e.Action == "enquiries.converted" && e.RecordId == id && e.ClientId == existing);
    }

    [Fact]
    public async Task Dismissing_sets_the_enquiry_aside_as_handled_and_is_audited()
    {
        var last = EnquiryForms.NewLastName();
        var id = await SendAsync(last, NewMobile());
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);
        HttpResponseMessage dismissed = null!;

        var recorded = await clinics.RecordedDuringAsync(async () => dismissed = await reception.PressAsync(id, "dismiss-enquiry"));
        var (_, inbox) = await reception.GetPageAsync("/enquiries");

        Assert.Equal("/enquiries", dismissed.RedirectTarget().AbsolutePath);
        Assert.Equal("dismissed", (await clinics.EnquiryAsync(clinics.A.Id, last))!.Status);
        Assert.Contains(recorded, e => e.Action == "enquiries.dismissed" && e.RecordId == id);
        Assert.Equal("Dismissed", inbox.QuerySelector($"a[href='/enquiries/{id}']")?.Closest("tr")?.QuerySelector(".badge")?.TextContent);
        Assert.Equal(0, await clinics.ClientCountAsync(clinics.A.Id, last));
    }

    [Fact]
    public async Task A_converted_enquiry_cannot_be_dismissed()
    {
        var last = EnquiryForms.NewLastName();
        var id = await SendAsync(last, NewMobile());
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);
        Assert.True((await reception.PressAsync(id, "convert-enquiry")).IsRedirect());

        var dismissed = await reception.PostEnquiryAsync(id, "dismiss-enquiry");

        Assert.Equal(HttpStatusCode.Conflict, dismissed.StatusCode);
        var page = await dismissed.PageAsync();
        Assert.Contains("already converted", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.convert-enquiry"));
        Assert.Equal("converted", (await clinics.EnquiryAsync(clinics.A.Id, last))!.Status);
    }

    [Fact]
    public async Task A_converted_enquiry_follows_its_client_when_staff_merge_the_client_into_another()
    {
        var last = EnquiryForms.NewLastName();
        var id = await SendAsync(last, NewMobile());
        using var reception = await clinics.StaffAsync(EnquiryClinics.ReceptionA);
        Assert.True((await reception.PressAsync(id, "convert-enquiry")).IsRedirect());
        var merged = (await clinics.EnquiryAsync(clinics.A.Id, last))!.ClientId!.Value;
        var kept = await clinics.InClinicAsync(clinics.A.Id, async db =>
        {
            var keptId = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, created_at) VALUES (@keptId, @tenant_id, 'Ayesha', @last, @now)",
                new { keptId, last, now = clinics.Clock.GetUtcNow() });
            await db.PublishAsync(new ClientsMerged(keptId, merged));
            return keptId;
        });

        await clinics.App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

        Assert.Equal(kept, (await clinics.EnquiryAsync(clinics.A.Id, last))!.ClientId);
    }

    [Fact]
    public async Task The_retention_job_deletes_enquiries_older_than_the_setting_in_every_clinic_and_keeps_the_rest()
    {
        var kept = EnquiryForms.NewLastName();
        var expiredA = EnquiryForms.NewLastName();
        var expiredB = EnquiryForms.NewLastName();
        await SendAsync(kept, NewMobile());
        await SendAsync(expiredA, NewMobile());
        using (var visitorB = clinics.Visitor(EnquiryClinics.HostB, EnquiryForms.NewIp(), "Mozilla/5.0"))
            Assert.True((await visitorB.SendAsync(EnquiryForms.Form(expiredB))).IsRedirect());
        await AgeAsync(clinics.A.Id, expiredA, TimeSpan.FromDays(100));
        await AgeAsync(clinics.B.Id, expiredB, TimeSpan.FromDays(100));
        // 300 days on, the two aged by 100 days are 400 days old, past the default 365; the fresh one is 300 days old.
        var clock = new FakeTimeProvider(clinics.App.Clock.GetUtcNow().AddDays(300));

        await RunRetentionAsync(clock);
        await RunRetentionAsync(clock);

        Assert.Equal(1, await clinics.CountAsync(clinics.A.Id, kept));
        Assert.Equal(0, await clinics.CountAsync(clinics.A.Id, expiredA));
        Assert.Equal(0, await clinics.CountAsync(clinics.B.Id, expiredB));
    }

    private Task<int> RunRetentionAsync(TimeProvider clock) =>
        clinics.App.InScopeAsync(async services =>
        {
            var job = new PurgeExpiredEnquiries(
                services.GetRequiredService<ITenantDirectory>(),
                services.GetRequiredService<IServiceScopeFactory>(),
                services.GetRequiredService<EnquirySettings>(),
                clock);
            await job.RunAsync(default);
            return 0;
        });

    private Task<int> AgeAsync(Guid clinic, string last, TimeSpan by) =>
        clinics.InClinicAsync(clinic, async db =>
        {
            var received = await db.QuerySingleOrDefaultAsync<DateTimeOffset>(
                "SELECT received_at FROM booking_enquiries WHERE tenant_id = @tenant_id AND last_name = @last", new { last });
            return await db.ExecuteAsync(
                "UPDATE booking_enquiries SET received_at = @at WHERE tenant_id = @tenant_id AND last_name = @last", new { last, at = received - by });
        });

    private async Task<Guid> SendAsync(string last, string phone)
    {
        using var visitor = clinics.Visitor(EnquiryClinics.HostA, EnquiryForms.NewIp(), "Mozilla/5.0");
        var sent = await visitor.SendAsync(EnquiryForms.Form(last, ("Input.Phone", phone)));
        Assert.True(sent.IsRedirect(), $"sending answered {(int)sent.StatusCode}");
        return (await clinics.EnquiryAsync(clinics.A.Id, last))!.Id;
    }

    private Task<(string, string, string?, string?)> ClientAsync(Guid id) =>
        clinics.InClinicAsync(clinics.A.Id, async db =>
        {
            var row = await db.QuerySingleOrDefaultAsync<ClientRow>(
                "SELECT first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id",
                new { id });
            return (row!.FirstName, row.LastName, row.Phone, row.Email);
        });

    /// <summary>A Pakistani mobile no other test uses, as people type it (0300…).</summary>
    private static string NewMobile() =>
        "0345" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    private sealed class ClientRow
    {
        public string FirstName { get; init; } = "";

        public string LastName { get; init; } = "";

        public string? Phone { get; init; }

        public string? Email { get; init; }
    }
}

public sealed class EnquiryHandlingTests_on_Sqlite(EnquiryClinicsOnSqlite clinics)
    : EnquiryHandlingTests<EnquiryClinicsOnSqlite>(clinics), IClassFixture<EnquiryClinicsOnSqlite>;

public sealed class EnquiryHandlingTests_on_Postgres(EnquiryClinicsOnPostgres clinics)
    : EnquiryHandlingTests<EnquiryClinicsOnPostgres>(clinics), IClassFixture<EnquiryClinicsOnPostgres>;
