using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Security;

public static class PermissionExtensions
{
    public static IServiceCollection AddPermission(this IServiceCollection services, string name, string description, params string[] grantedTo) =>
        services.AddSingleton(new Permission(name, description, grantedTo));

    /// <summary>Declares the permission an endpoint needs; every endpoint declares one, or <see cref="Anonymous"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequirePermissionAttribute(permission));

    /// <summary>Declares an endpoint public on purpose.</summary>
    public static TBuilder Anonymous<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous();

    public static async Task<bool> HasPermissionAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string permission) =>
        (await authorization.AuthorizeAsync(user, resource: null, RequirePermissionAttribute.PolicyPrefix + permission)).Succeeded;

    internal static IServiceCollection AddPermissionAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<PermissionCatalog>();
        return services;
    }
}
