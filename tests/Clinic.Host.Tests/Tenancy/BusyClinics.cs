using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Booking;
using Clinic.Host.Tests.Booking.OnlineBooking;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.Tenants;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Tenancy;

/// <summary>
/// Two clinics of the SaaS edition after a busy morning each, done through their pages: appointments booked online
/// (so reminders are planned), a slot held and not yet booked, a cancellation offered to a waiting client, messages
/// waiting to go out, a campaign being sent, events handled and newer ones still waiting. Every queue that a job reads
/// across clinics holds rows of both clinics.
/// </summary>
public abstract class BusyClinics(DatabaseProvider provider) : BookingClinic(provider)
{
    public const string HostA = "a.clinic.test";
    public const string HostB = "b.clinic.test";

    private Task? _busy;

    public ClinicTenant A { get; private set; } = null!;

    public ClinicTenant B { get; private set; } = null!;

    /// <summary>The day, four days after the morning in Karachi, on which both clinics' visitors book.</summary>
    public DateOnly BookedDay { get; private set; }

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Edition"] = "MultiTenant" };

    /// <summary>Makes both clinics busy, once for every test that shares the fixture.</summary>
    public Task BusyAsync() => _busy ??= MakeBusyAsync();

    public static string OwnerOf(ClinicTenant clinic) => $"owner@{HostOf(clinic)}";

    public static string HostOf(ClinicTenant clinic) => clinic.Host!;

    /// <summary>Runs <paramref name="work"/> in a transaction of <paramref name="clinic"/>, as its requests do.</summary>
    public Task<T> InClinicAsync<T>(ClinicTenant clinic, Func<DbSession, Task<T>> work) =>
        App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });

    public static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), BookingForms.Karachi);

    private async Task MakeBusyAsync()
    {
        SetNow(this.KarachiDay(1, 9));
        BookedDay = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(BookingForms.Karachi).DateTime).AddDays(4);
        A = await OpenAsync("Clinic A", HostA);
        B = await OpenAsync("Clinic B", HostB);
        await BusyMorningAsync(A);
        await BusyMorningAsync(B);
    }

    private async Task<ClinicTenant> OpenAsync(string name, string host)
    {
        await App.Services.GetRequiredService<TenantRegistry>().CreateAsync(name, [host], default);
        var clinic = (await App.Services.GetRequiredService<ITenantDirectory>().FindByHostAsync(host, default))!;
        await InClinicAsync(clinic, db => App.Services.GetRequiredService<StaffAccounts>().CreateAsync(db, OwnerOf(clinic), name + " owner", Roles.Owner, ClinicApp.OwnerPassword));
        return clinic;
    }

    private async Task BusyMorningAsync(ClinicTenant clinic)
    {
        var host = HostOf(clinic);
        var (service, clinician) = await ArrangeServiceAsync(clinic);
        var waiting = await AddClientAsync(clinic, tag: null);
        var tag = $"vip-{Guid.NewGuid():N}"[..12];
        await AddClientAsync(clinic, tag);
        using var owner = App.Browser(host);
        await owner.SignInAsync(OwnerOf(clinic));

        ExpectRedirect("putting a client on the waitlist", await owner.SubmitAsync("/waitlist", StaffForms.Fields(
            ("Input.ClientId", waiting.ToString()), ("Input.ServiceId", service.ToString()), ("Input.ProviderId", clinician.ToString()),
            ($"Input.Windows[0].{WaitlistPreferences.DayNames[(int)BookedDay.DayOfWeek]}", "on"), ("Input.Windows[0].From", "09:00"), ("Input.Windows[0].To", "17:00")), "form.add-waitlist"));
        var cancelled = await BookOnlineAsync(host, service, clinician, 10);
        await BookOnlineAsync(host, service, clinician, 11);
        using (var visitor = App.Browser(host))
            ExpectRedirect("cancelling online", await visitor.SubmitAsync(cancelled, StaffForms.Fields(), "form.cancel-booking"));

        // Confirmations, the cancellation and the waitlist offer become messages that wait for the dispatcher.
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

        var created = await owner.SubmitAsync("/messages/campaigns", StaffForms.Fields(
            ("Input.Name", "Spring offers"), ("Input.Channel", "Email"), ("Input.Subject", "Spring offers from {{clinic.name}}"),
            ("Input.Body", "Dear {{client.first_name}},\n\n20% off this spring.\n\nStop these emails: {{unsubscribe.url}}"),
            ("Input.Tag", tag), ("Input.LastVisitOnOrAfter", ""), ("Input.LastVisitBefore", ""), ("Input.ServiceId", "")), "form.new-campaign");
        ExpectRedirect("creating a campaign", created);
        ExpectRedirect("sending a campaign", await owner.SubmitAsync(created.RedirectTarget().AbsolutePath, StaffForms.Fields(), "form.send-campaign"));

        // Newer events than the dispatcher has seen, and a slot held by a visitor who has not booked yet.
        await BookOnlineAsync(host, service, clinician, 13);
        ExpectRedirect("inviting a receptionist", await owner.InviteAsync("New Receptionist", $"reception@{host}", Roles.Reception));
        using var holder = App.Browser(host);
        ExpectRedirect("holding a slot", await holder.HoldAsync(service, clinician, BookedDay, At(BookedDay, 12)));
    }

    /// <summary>Books the hour online as a new visitor and returns the booking's manage page.</summary>
    private async Task<string> BookOnlineAsync(string host, Guid service, Guid clinician, int hour)
    {
        using var visitor = App.Browser(host);
        var held = await visitor.HoldAsync(service, clinician, BookedDay, At(BookedDay, hour));
        var last = $"Booker-{Guid.NewGuid():N}";
        var booked = await visitor.BookAsync(held.HoldPath(), OnlineVisitor.Contact(last, OnlineVisitor.NewMobile(), $"{last}@example.test"));
        Assert.True(booked.IsRedirect(), $"booking online at {host} answered {(int)booked.StatusCode}");
        return booked.RedirectTarget().AbsolutePath;
    }

    /// <summary>A clinician working every day from 09:00 to 17:00 and an online-bookable service of theirs.</summary>
    private Task<(Guid Service, Guid Clinician)> ArrangeServiceAsync(ClinicTenant clinic) =>
        InClinicAsync(clinic, async db =>
        {
            var clinician = await App.Services.GetRequiredService<StaffAccounts>().CreateAsync(
                db, $"clinician@{HostOf(clinic)}", "Dr Sara", Roles.Clinician, ClinicApp.OwnerPassword);
            foreach (var weekday in Enumerable.Range(0, 7))
            {
                await db.ExecuteAsync(
                    "INSERT INTO booking_weekly_hours (id, tenant_id, provider_id, weekday, starts_minute, ends_minute) VALUES (@id, @tenant_id, @clinician, @weekday, 540, 1020)",
                    new { id = Guid.CreateVersion7(), clinician, weekday });
            }

            var service = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency, online_bookable, consultation_first, active)
                VALUES (@service, @tenant_id, 'Skin', 'HydraFacial', 30, 15000, 'PKR', TRUE, FALSE, TRUE)
                """,
                new { service });
            await db.ExecuteAsync("INSERT INTO booking_service_providers (tenant_id, service_id, provider_id) VALUES (@tenant_id, @service, @clinician)", new { service, clinician });
            return (service, clinician);
        });

    /// <summary>A client with an email address; with a tag, also one who agreed to marketing email.</summary>
    private Task<Guid> AddClientAsync(ClinicTenant clinic, string? tag) =>
        InClinicAsync(clinic, async db =>
        {
            var id = Guid.CreateVersion7();
            var now = Clock.GetUtcNow();
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at) VALUES (@id, @tenant_id, 'Sana', @last, @phone, @email, @now)",
                new { id, last = $"Malik-{id:N}", phone = $"+92300{Random.Shared.Next(0, 9_999_999):D7}", email = $"sana-{id:N}@example.test", now });
            if (tag is not null)
            {
                await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @id, @tag)", new { id, tag });
                await db.ExecuteAsync(
                    "INSERT INTO clients_consent_changes (id, tenant_id, client_id, channel, granted, source, changed_at) VALUES (@change, @tenant_id, @id, 'email', TRUE, 'In person', @at)",
                    new { change = Guid.CreateVersion7(), id, at = now.AddDays(-1) });
            }

            return id;
        });

    private static void ExpectRedirect(string what, HttpResponseMessage response) =>
        Assert.True(response.IsRedirect(), $"{what} answered {(int)response.StatusCode}");
}

public sealed class BusyClinicsOnSqlite() : BusyClinics(DatabaseProvider.Sqlite);

public sealed class BusyClinicsOnPostgres() : BusyClinics(DatabaseProvider.Postgres);
