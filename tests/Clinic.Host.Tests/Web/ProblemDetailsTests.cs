using System.Net;
using System.Text.Json;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>Errors go to API clients as RFC 9457 problem details and to browsers as a readable page.</summary>
public sealed class ProblemDetailsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_unknown_API_path_answers_404_problem_details_with_the_request_id()
    {
        using var browser = fixture.App.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nope");
        request.Headers.Accept.ParseAdd("application/json");

        var response = await browser.Http.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        var requestId = problem.RootElement.GetProperty("requestId").GetString();
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task A_browser_asking_for_an_unknown_page_gets_a_readable_404_page()
    {
        using var browser = fixture.App.Browser();

        var (response, page) = await browser.GetPageAsync("/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not Found", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("404", page.Body?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }
}
