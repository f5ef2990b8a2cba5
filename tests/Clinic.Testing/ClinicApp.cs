using Clinic.BuildingBlocks.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Testing;

/// <summary>
/// Clinic over HTTP on a real, fresh database. Settings go in as host settings, so Program reads them exactly
/// as it reads appsettings.json or environment variables in production.
/// </summary>
public class ClinicApp : WebApplicationFactory<Program>
{
    public const string OwnerEmail = "owner@clinic.test";
    public const string OwnerPassword = "correct horse battery staple";

    private readonly Dictionary<string, string?> _settings;

    public ClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Database = database;
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
        // Outside Development the host serves static assets only from a published wwwroot; tests run the built,
        // unpublished app, so they read the build's static web assets manifest the way `dotnet run` does.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }
}
