using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Cookies;
using Clinic.Host.Tests.Portal;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Web;

/// <summary>
/// Behind a TLS-terminating reverse proxy named in <c>Clinic:ForwardedHeaders</c>, Clinic sees the visitor: the audit
/// trail and rate limits get the client's address, and every cookie is Secure when the visitor used https. Anyone
/// else's forwarded headers are ignored, so a client cannot choose its own address.
/// </summary>
public abstract class ReverseProxyTests(ProxiedClinic fixture)
{
    private const string TrustedProxy = "10.0.0.5";
    private const string ProxyInTrustedNetwork = "172.20.1.1";
    private const string Stranger = "203.0.113.9";

    private ClinicApp App => fixture.App;

    [Theory]
    [InlineData(TrustedProxy, "198.51.100.23")]
    [InlineData(ProxyInTrustedNetwork, "198.51.100.24")]
    public async Task Behind_a_trusted_proxy_the_audit_trail_records_the_visitor_s_address(string proxy, string visitor)
    {
        using var browser = Through(proxy, visitor, "https", out _);

        var recorded = await App.RecordedDuringAsync(() => browser.SignInAsync());

        Assert.Equal(visitor, Assert.Single(recorded, e => e.Action == "signin.succeeded").Ip);
    }

    [Fact]
    public async Task A_sender_that_is_not_a_trusted_proxy_chooses_neither_the_address_recorded_nor_the_scheme()
    {
        using var browser = Through(Stranger, "198.51.100.25", "https", out var hop);

        var recorded = await App.RecordedDuringAsync(() => browser.SignInAsync());

        Assert.Equal(Stranger, Assert.Single(recorded, e => e.Action == "signin.succeeded").Ip);
        Assert.Contains(hop.SetCookies, c => Name(c) == "clinic.session");
        Assert.All(hop.SetCookies, c => Assert.False(IsSecure(c), $"{Name(c)} is Secure although the visitor's https is only a stranger's claim."));
    }

    [Fact]
    public async Task Two_visitors_behind_one_proxy_each_get_their_own_sign_in_limit()
    {
        using var first = Through(TrustedProxy, "198.51.100.40", "https", out _);
        using var second = Through(TrustedProxy, "198.51.100.41", "https", out _);

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= ProxiedClinic.SignInsPerAddress; attempt++)
            answers.Add((await WrongPasswordAsync(first, attempt)).StatusCode);
        var other = await WrongPasswordAsync(second, 99);

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task Every_cookie_is_Secure_when_a_trusted_proxy_says_the_visitor_used_https()
    {
        var email = $"proxied-{Guid.NewGuid():N}@client.test";
        await App.AddClientAsync("Sana", "Proxied", email);
        using var browser = Through(TrustedProxy, "198.51.100.50", "https", out var hop);

        await browser.SignInAsync();
        await browser.ChooseAsync("accept");
        await browser.Http.GetAsync("/schedule?date=2030-01-07");
        await browser.SignInToPortalAsync(App, email);
        await browser.SubmitAsync("/start", new Dictionary<string, string>(StringComparer.Ordinal), "form[action='/sign-out']");

        Assert.Superset(
            new HashSet<string>(["clinic.antiforgery", "clinic.session", "clinic.device", "clinic.consent", "clinic.calendar_view", "clinic.portal"], StringComparer.Ordinal),
            hop.SetCookies.Select(Name).ToHashSet(StringComparer.Ordinal));
        Assert.All(hop.SetCookies, c => Assert.True(IsSecure(c), $"{Name(c)} went out without Secure: {c}"));
    }

    [Fact]
    public async Task Over_https_without_a_proxy_the_antiforgery_cookie_is_Secure()
    {
        using var http = App.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await http.GetAsync("/sign-in");
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => Name(c) == "clinic.antiforgery");

        Assert.True(IsSecure(antiforgery), antiforgery);
    }

    /// <summary>A browser whose requests reach Clinic through the proxy at <paramref name="proxy"/>.</summary>
    private ClinicClient Through(string proxy, string visitor, string scheme, out ProxyHop hop)
    {
        hop = new ProxyHop(proxy, visitor, scheme);
        return new ClinicClient(App.CreateDefaultClient(new Uri("http://localhost"), hop));
    }

    private static Task<HttpResponseMessage> WrongPasswordAsync(ClinicClient browser, int attempt) =>
        browser.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = $"nobody{attempt}@clinic.test",
            ["Input.Password"] = "not the password at all",
        });

    private static string Name(string setCookie) => setCookie.Split('=', 2)[0];

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Skip(1).Any(attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What a reverse proxy adds to each request it passes on (its own address as the connection's, the visitor's
    /// address and scheme as forwarded headers), and a cookie jar that, like the visitor's browser on https, sends
    /// Secure cookies back. It notes every Set-Cookie the app sent.
    /// </summary>
    internal sealed class ProxyHop(string proxy, string visitor, string scheme) : DelegatingHandler
    {
        private readonly Dictionary<string, string> _jar = new(StringComparer.Ordinal);

        public List<string> SetCookies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(ProxiedClinic.PeerHeader, proxy);
            request.Headers.Add("X-Forwarded-For", visitor);
            request.Headers.Add("X-Forwarded-Proto", scheme);
            if (_jar.Count > 0)
                request.Headers.Add("Cookie", string.Join("; ", _jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                SetCookies.Add(cookie);
                var value = cookie.Split(';')[0].Split('=', 2)[1];
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    _jar.Remove(Name(cookie));
                else
                    _jar[Name(cookie)] = value;
            }

            return response;
        }
    }
}

/// <summary>
/// Clinic behind a reverse proxy at 10.0.0.5 and any proxy in 172.16.0.0/12, with a low sign-in limit per address.
/// The test server has no sockets, so each request names the address its connection stands for.
/// </summary>
public abstract class ProxiedClinic(DatabaseProvider provider) : AppFixture(provider)
{
    public const string PeerHeader = "X-Test-Connection-From";
    public const int SignInsPerAddress = 3;

    protected override ClinicApp Create(TestDatabase database) => new ProxiedApp(database);

    private sealed class ProxiedApp(TestDatabase database) : ClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
        ["Clinic:ForwardedHeaders:KnownNetworks:0"] = "172.16.0.0/12",
        ["Clinic:RateLimits:SignInPerIp:PermitLimit"] = SignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ConnectionFrom>());
        }
    }

    private sealed class ConnectionFrom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer))
                    context.Connection.RemoteIpAddress = peer;
                return then(context);
            });
            next(app);
        };
    }
}

public sealed class ProxiedClinicOnSqlite() : ProxiedClinic(DatabaseProvider.Sqlite);

public sealed class ProxiedClinicOnPostgres() : ProxiedClinic(DatabaseProvider.Postgres);

public sealed class ReverseProxyTests_on_Sqlite(ProxiedClinicOnSqlite fixture) : ReverseProxyTests(fixture), IClassFixture<ProxiedClinicOnSqlite>;

public sealed class ReverseProxyTests_on_Postgres(ProxiedClinicOnPostgres fixture) : ReverseProxyTests(fixture), IClassFixture<ProxiedClinicOnPostgres>;
