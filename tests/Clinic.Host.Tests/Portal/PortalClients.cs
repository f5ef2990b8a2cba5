using Clinic.Host.Tests.SignInLinks;
using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.Portal;

/// <summary>Clients, services and appointments put straight into the clinic's tables, and a client signing in to the portal.</summary>
internal static class PortalClients
{
    public static Task<Guid> AddClientAsync(this ClinicApp app, string first, string last, string? email) =>
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

    public static Task BookAsync(this ClinicApp app, Guid clientId, string service, DateTimeOffset startsAt) =>
        app.InClinicAsync(async db =>
        {
            var serviceId = Guid.CreateVersion7();
            var provider = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id ORDER BY created_at LIMIT 1");
            await db.ExecuteAsync(
                "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency) VALUES (@serviceId, @tenant_id, @service, 30, @price, 'PKR')",
                new { serviceId, service, price = 5000m });
            await db.ExecuteAsync(
                """
                INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until,
                    status, created_at, updated_at)
                VALUES (@id, @tenant_id, @clientId, @serviceId, @provider, @startsAt, @endsAt, @startsAt, @endsAt, 'Confirmed', @now, @now)
                """,
                new { id = Guid.CreateVersion7(), clientId, serviceId, provider, startsAt, endsAt = startsAt.AddMinutes(30), now = app.Clock.GetUtcNow() });
            return 0;
        });

    public static Task<HttpResponseMessage> AskForPortalLinkAsync(this ClinicClient browser, string email) =>
        browser.SubmitAsync("/portal/sign-in", new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Email"] = email });

    /// <summary>Asks for a link as the client and follows it; the browser is then signed in to the portal.</summary>
    public static async Task<HttpResponseMessage> SignInToPortalAsync(this ClinicClient browser, ClinicApp app, string email)
    {
        await browser.AskForPortalLinkAsync(email);
        return await browser.FollowLinkAsync(await app.SignInLinkAsync(email));
    }

    public static Task<HttpResponseMessage> FollowLinkAsync(this ClinicClient browser, string link) =>
        browser.SubmitAsync(link, new Dictionary<string, string>(StringComparer.Ordinal));
}
