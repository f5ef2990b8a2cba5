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
    public void Every_route_declares_a_permission_or_is_public_on_purpose()
    {
        var permissions = fixture.App.Services.GetServices<Permission>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        // A bare [Authorize] lets in anyone signed in, a client included: it is not a permission.
        var undeclared = Routes()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.OfType<RequirePermissionAttribute>().Any(p => permissions.Contains(p.Permission)))
            .Where(e => !IsStaticAssetsBuildFallback(e))
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.True(undeclared.Count == 0, "Declare a permission a module registers with [RequirePermission]/.RequirePermission(), or .Anonymous(): " + string.Join(", ", undeclared));
    }

    private List<RouteEndpoint> Routes() =>
        [.. fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    // MapStaticAssets adds this when it runs from build output (tests, dotnet run), never in a published app. It takes
    // none of the conventions given to MapStaticAssets and serves only wwwroot files changed since the build.
    private static bool IsStaticAssetsBuildFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == "{**path:file}" && endpoint.DisplayName == "Fallback {**path:file}";
}
