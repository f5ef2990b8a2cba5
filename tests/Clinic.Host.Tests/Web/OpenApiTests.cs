using System.Net;
using System.Text.Json;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Web;

public sealed class OpenApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_OpenAPI_document_is_served_as_JSON_at_openapi_v1()
    {
        using var browser = fixture.App.Browser();

        var response = await browser.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("info").GetProperty("title").GetString()));
    }
}
