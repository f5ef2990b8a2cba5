using Clinic.BuildingBlocks.Security;
using Clinic.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>Every route the app answers declares who may use it: a permission, or public on purpose.</summary>
public sealed class RoutePermissionTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public void The_enumeration_sees_pages_endpoints_and_platform_routes()
    {
        var patterns = Routes().Select(e => e.RoutePattern.RawText).ToList();

        Assert.Contains("/", patterns);
        Assert.Contains("/clients", patterns);
        Assert.Contains("/sign-in", patterns);
        Assert.Contains("/sign-out", patterns);
        Assert.Contains("/health/ready", patterns);
    }

    [Fact]
    public async Task Every_route_demands_a_registered_permission_or_is_public_on_purpose()
    {
        var permissions = fixture.App.Services.GetServices<Permission>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var policies = fixture.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        // What counts is the policy the endpoint enforces, not the attribute it carries: a bare [Authorize] (or a
        // policy by another name) lets in anyone signed in, a client included, so it is not a permission.
        var undeclared = new List<string>();
        foreach (var endpoint in Routes().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !IsStaticAssetsBuildFallback(e)))
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.OfType<AuthorizationPolicy>());
            var demanded = policy?.Requirements.OfType<PermissionRequirement>().Select(r => r.Permission).ToList() ?? [];
            if (demanded.Count == 0 || !demanded.All(permissions.Contains))
                undeclared.Add($"{endpoint.RoutePattern.RawText} ({endpoint.DisplayName}) demands {(demanded.Count == 0 ? "no permission" : string.Join(", ", demanded))}");
        }

        Assert.True(undeclared.Count == 0, "Declare a permission a module registers with [RequirePermission]/.RequirePermission(), or .Anonymous(): " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task A_bare_authorize_demands_no_permission()
    {
        var policies = fixture.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        var bare = await AuthorizationPolicy.CombineAsync(policies, [new AuthorizeAttribute()], []);
        var declared = await AuthorizationPolicy.CombineAsync(policies, [new RequirePermissionAttribute("clients.read")], []);

        Assert.Empty(bare!.Requirements.OfType<PermissionRequirement>());
        Assert.Equal("clients.read", Assert.Single(declared!.Requirements.OfType<PermissionRequirement>()).Permission);
    }

    private List<RouteEndpoint> Routes() =>
        [.. fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    // MapStaticAssets adds this when it runs from build output (tests, dotnet run), never in a published app. It takes
    // none of the conventions given to MapStaticAssets and serves only wwwroot files changed since the build.
    private static bool IsStaticAssetsBuildFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == "{**path:file}" && endpoint.DisplayName == "Fallback {**path:file}";
}
