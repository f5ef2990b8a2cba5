using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>
/// Clients and their appointments put straight into the clinic's tables (booking them through the staff pages is
/// another module's flow), and the sign-in link read where the email would carry it from: the Accounts outbox.
/// </summary>
internal static class PortalClients
{
    public static Task<Guid> AddClientAsync(this ClinicApp app, string first, string last, string email) =>
        app.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                """
                INSERT INTO clients_clients (id, tenant_id, first_name, last_name, phone, email, created_at)
                VALUES (@id, @tenant_id, @first, @last, '+923001234567', @email, @now)
                """,
                new { id, first, last, email, now = app.Clock.GetUtcNow() });
            return id;
        });

    public static Task<Guid> AddServiceAsync(this ClinicApp app, string name) =>
        app.InClinicAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency) VALUES (@id, @tenant_id, @name, 30, 5000, 'PKR')",
                new { id, name });
            return id;
        });

    /// <summary>A 30-minute appointment with the clinic's first staff member, the owner.</summary>
    public static Task BookAsync(this ClinicApp app, Guid clientId, Guid serviceId, DateTimeOffset startsAt) =>
        app.InClinicAsync(async db =>
        {
            var provider = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            return await db.ExecuteAsync(
                """
                INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until,
                    status, created_at, updated_at)
                VALUES (@id, @tenant_id, @clientId, @serviceId, @provider, @startsAt, @endsAt, @startsAt, @endsAt, 'Confirmed', @now, @now)
                """,
                new { id = Guid.CreateVersion7(), clientId, serviceId, provider, startsAt, endsAt = startsAt.AddMinutes(30), now = app.Clock.GetUtcNow() });
        });

    public static Task<TimeZoneInfo> ClinicTimeZoneAsync(this ClinicApp app) =>
        app.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default)
                ?? throw new InvalidOperationException("The clinic has not been created.");
            return TimeZoneInfo.FindSystemTimeZoneById(clinic.TimeZone);
        });

    /// <summary>The newest sign-in link emailed to the address, as the email would carry it.</summary>
    public static async Task<string> SignInLinkForAsync(this ClinicApp app, string email)
    {
        var payloads = await app.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM accounts_outbox WHERE tenant_id = @tenant_id AND type = @type ORDER BY occurred_at",
            new { type = EventNames.Of<SignInLinkRequested>() }));
        var requested = payloads.Select(p => JsonSerializer.Deserialize<SignInLinkRequested>(p, JsonSerializerOptions.Web)!)
            .LastOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No sign-in link to {email} is waiting in the outbox.");
        return app.OpenLink(requested.SignInUrl);
    }

    /// <summary>Works on the single clinic's data in one transaction, through the app's own tenant-scoped access.</summary>
    internal static Task<T> InClinicAsync<T>(this ClinicApp app, Func<DbSession, Task<T>> work) =>
        app.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default)
                ?? throw new InvalidOperationException("The clinic has not been created.");
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });
}
