using System.Security.Claims;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Sessions;
using Clinic.Modules.Clients.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.ClientAccounts;

/// <summary>
/// The client portal's cookie: the client account, the client record it is linked to, the clinic and the server-side
/// session. It carries the Client role only, and only portal pages read it.
/// </summary>
internal static class ClientSession
{
    public const string CookieName = "clinic.portal";

    public static async Task SignInAsync(HttpContext http, Guid tenantId, ClientAccount account, ClientContact client)
    {
        var services = http.RequestServices;
        var context = services.GetRequiredService<AuditContext>();
        var device = KnownDevices.TokenOf(http);
        var session = (await services.GetRequiredService<UnitOfWork>().RunAsync<Guid>(
            async change =>
            {
                var id = await services.GetRequiredService<ClientSessions>().StartAsync(change.Db, account.Id, context.Ip, context.Device);
                await services.GetRequiredService<KnownDevices>().RecogniseAsync(change, device, new SignedIn(account.Id, SignedIn.Client, account.Email, client.Name));
                return id;
            },
            http.RequestAborted)).Value;

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, client.Name),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Role, Roles.Client),
                new Claim(ClientPortal.ClientClaim, client.Id.ToString()),
                new Claim(SessionCookie.TenantClaim, tenantId.ToString()),
                new Claim(SessionCookie.SessionClaim, session.ToString()),
            ],
            ClientPortal.Scheme);
        await http.SignInAsync(ClientPortal.Scheme, new ClaimsPrincipal(identity));
    }

    public static void Configure(CookieAuthenticationOptions options, SessionSettings settings)
    {
        SessionCookie.Configure<ClientSessions>(options, CookieName, settings);
        options.LoginPath = ClientPortal.SignInPath;
        options.AccessDeniedPath = ClientPortal.SignInPath;
    }
}
