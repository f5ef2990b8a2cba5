using Clinic.BuildingBlocks.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Clinic.Testing;

/// <summary>
/// Clinic over HTTP on a real, fresh database, on a clock the test moves by hand. Settings go in as host settings, so
/// Program reads them exactly as it reads appsettings.json or environment variables in production.
/// </summary>
public class ClinicApp : WebApplicationFactory<Program>
{
    public const string OwnerEmail = "owner@clinic.test";
    public const string OwnerPassword = "correct horse battery staple";

    /// <summary>
    /// Where every app's clock starts: Monday 4 March 2030, 10:00 in Asia/Karachi (05:00 UTC). Fixed, so no test depends
    /// on the day or hour it runs (one failed only between 21:00 and midnight in Karachi); a weekday morning, in opening
    /// hours, out of quiet hours and far from local midnight; years ahead of the real date, so cookies whose Expires is
    /// computed from it stay valid in a real browser. Tests that name dates name them after this one.
    /// </summary>
    public static readonly DateTimeOffset ClockStart = new(2030, 3, 4, 5, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;

    /// <param name="clockStart">
    /// Only for an app that shares its database with a host process, which can run on nothing but the machine's clock;
    /// every other app starts at <see cref="ClockStart"/>.
    /// </param>
    public ClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? clockStart = null)
    {
        Database = database;
        Clock = new FakeTimeProvider(clockStart ?? ClockStart);
        _settings = new Dictionary<string, string?>(database.Settings, StringComparer.Ordinal)
        {
            ["Clinic:Jobs:Enabled"] = "false",
            ["Clinic:Bootstrap:OwnerEmail"] = OwnerEmail,
            ["Clinic:Bootstrap:OwnerPassword"] = OwnerPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public TestDatabase Database { get; }

    /// <summary>The app's TimeProvider: it stands still until a test moves it (<c>Advance</c>, <c>SetUtcNow</c>), never backwards.</summary>
    public FakeTimeProvider Clock { get; }

    public DatabaseProvider Provider => Database.Provider;

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public ClinicClient Browser(string host = "localhost") =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{host}") }));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
