using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>Every page, signed in or not, found or not, carries the browser protections.</summary>
public sealed class SecurityHeaderTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static readonly string[] Paths = ["/sign-in", "/", "/clients", "/nope"];
    private static readonly string[] PrivateReferrers = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

    [Fact]
    public async Task Pages_forbid_framing_inline_script_and_sniffing()
    {
        using var browser = fixture.App.Browser();
        await browser.SignInAsync();

        foreach (var path in Paths)
        {
            var (response, page) = await browser.GetPageAsync(path);
            var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            var scripts = policy.GetValueOrDefault("script-src") ?? policy["default-src"];

            Assert.True(policy.GetValueOrDefault("frame-ancestors") is ["'none'"], $"{path}: frame-ancestors is not 'none'.");
            Assert.DoesNotContain("'unsafe-inline'", scripts);
            Assert.DoesNotContain("'unsafe-eval'", scripts);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains(Assert.Single(response.Headers.GetValues("Referrer-Policy")), PrivateReferrers);
            Assert.All(page.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), $"{path} has an inline script, which the policy blocks."));
        }
    }

    [Fact]
    public async Task Every_response_carries_its_own_request_id()
    {
        using var browser = fixture.App.Browser();

        var ids = new List<string>();
        foreach (var path in Paths)
        {
            var (response, _) = await browser.GetPageAsync(path);
            ids.Add(Assert.Single(response.Headers.GetValues("X-Request-Id")));
        }

        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0].ToLowerInvariant(), d => d[1..], StringComparer.Ordinal);
}
