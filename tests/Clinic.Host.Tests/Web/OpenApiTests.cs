using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clinic.Host.Tests.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>
/// /openapi/v1.json describes Clinic's JSON API, the routes under /api/, and nothing else: pages, form posts, feeds
/// and webhooks are not an API. The built-in modules have no API yet, so the sample module's routes are what it lists.
/// </summary>
public sealed class OpenApiTests(WithSampleModuleOnSqlite fixture) : IClassFixture<WithSampleModuleOnSqlite>
{
    [Fact]
    public async Task The_OpenAPI_document_at_openapi_v1_describes_every_api_route_and_nothing_else()
    {
        using var browser = fixture.App.Browser();

        var response = await browser.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => Operation(operation.Name, path.Name)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(ApiRoutes(), described);
        Assert.Contains("POST /api/v1/sample/notes", described);
    }

    private List<string> ApiRoutes() =>
        [.. fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => Operation(method, WithoutConstraints(endpoint.RoutePattern.RawText!))))
            .Order(StringComparer.Ordinal)];

    private static string Operation(string method, string path) => $"{method.ToUpperInvariant()} {path.TrimEnd('/')}";

    // A document names a parameter without the route's constraint: {id:guid} is described as {id}.
    private static string WithoutConstraints(string route) => Regex.Replace(route, @"\{(?<name>\w+):[^}]+\}", "{${name}}", RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
}
