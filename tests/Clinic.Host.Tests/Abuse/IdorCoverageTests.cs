using Clinic.Host.Tests.Tenancy;
using Clinic.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Every route the running app serves whose template takes a parameter (API endpoints and pages alike, in both
/// editions) has a case in <see cref="IdorCases"/>: a new route with an id cannot arrive without its IDOR test.
/// </summary>
public sealed class IdorCoverageTests(SqliteApp singleClinic, TwoClinicsOnSqlite multiTenant) : IClassFixture<SqliteApp>, IClassFixture<TwoClinicsOnSqlite>
{
    [Fact]
    public void The_enumeration_sees_pages_and_endpoints_that_take_a_parameter()
    {
        var routes = RoutesWithParameters();

        Assert.Contains("/staff/{Id}/role", routes);
        Assert.Contains("/invite/{Token}", routes);
        Assert.Contains("/openapi/{documentName}.json", routes);
    }

    [Fact]
    public void Every_route_that_takes_a_parameter_has_an_IDOR_case()
    {
        var missing = RoutesWithParameters().Except(IdorCases.All.Select(c => c.Route), StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            "Add a case to tests/Clinic.Host.Tests/Abuse/IdorCases.cs for each of these routes (another clinic's id must answer 404): "
            + string.Join(", ", missing));
    }

    [Fact]
    public void Every_IDOR_case_names_a_route_the_app_serves()
    {
        var stale = IdorCases.All.Select(c => c.Route).Except(RoutesWithParameters(), StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, "These IDOR cases name routes the app no longer serves: " + string.Join(", ", stale));
    }

    private HashSet<string> RoutesWithParameters() =>
        [.. new[] { singleClinic.App, multiTenant.App }
            .SelectMany(app => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName ?? "")];
}
