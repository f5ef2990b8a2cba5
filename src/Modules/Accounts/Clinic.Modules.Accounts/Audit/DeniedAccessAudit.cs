using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// Records every refusal of a signed-in person: someone probing pages their role does not allow is worth an owner's
/// attention. Visitors who are merely not signed in are sent to sign in and recorded there.
/// </summary>
internal sealed class DeniedAccessAudit : IAuthorizationMiddlewareResultHandler
{
    public const string AuditAction = "access.denied";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true
            && context.RequestServices.GetRequiredService<ITenantContext>().TenantId is not null)
        {
            var services = context.RequestServices;
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(context.RequestAborted);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(db, new AuditEntry(AuditAction, AuditOutcome.Denied));
            await db.CommitAsync();
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
