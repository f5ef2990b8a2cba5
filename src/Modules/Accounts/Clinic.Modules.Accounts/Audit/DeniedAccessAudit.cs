using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
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
            await context.RequestServices.GetRequiredService<UnitOfWork>().RunAsync<bool>(
                change =>
                {
                    change.Audit(new AuditEntry(AuditAction, AuditOutcome.Denied));
                    return Task.FromResult<Outcome<bool>>(true);
                },
                context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
