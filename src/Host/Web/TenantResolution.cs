using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.Caching.Memory;

namespace Clinic.Host.Web;

/// <summary>
/// Sets the request's clinic: the only one in the single-clinic edition, or the one whose host name was asked for
/// in the SaaS edition. An unknown host gets 404, never another clinic's data.
/// </summary>
internal sealed class TenantResolution(RequestDelegate next, EditionSettings edition, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context, ITenantDirectory tenants, TenantContext tenant)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        // The operator console exists only at the platform's own address; anywhere else it is not there at all.
        if (metadata?.GetMetadata<PlatformConsoleAttribute>() is not null && !edition.ServesConsoleAt(context.Request.Host.Host))
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found").ExecuteAsync(context);
            return;
        }

        if (metadata?.GetMetadata<PlatformEndpointAttribute>() is not null)
        {
            await next(context);
            return;
        }

        var host = edition.IsMultiTenant ? context.Request.Host.Host.ToLowerInvariant() : "";
        var tenantId = await cache.GetOrCreateAsync("tenant:" + host, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var found = edition.IsMultiTenant
                ? await tenants.FindByHostAsync(host, context.RequestAborted)
                : await tenants.SingleClinicAsync(context.RequestAborted);
            return found?.Id;
        });

        if (tenantId is null)
        {
            cache.Remove("tenant:" + host);
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No clinic is served at this address.")
                .ExecuteAsync(context);
            return;
        }

        tenant.Use(tenantId.Value);
        await next(context);
    }
}
