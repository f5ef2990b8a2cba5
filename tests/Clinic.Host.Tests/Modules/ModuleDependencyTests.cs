using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Modules;
using Clinic.Host.Hosting;
using Clinic.Host.Tests.Configuration;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Clinic.Host.Tests.Modules;

/// <summary>
/// Every module can be switched off, with the modules that cannot run without it (their DependsOn), and the rest keep
/// working: the container validates at start-up, and no page of the modules still on answers 500 (ADR 0030).
/// </summary>
public abstract class ModuleDependencyTests(DatabaseProvider provider)
{
    public static TheoryData<string> Switchable() =>
        [.. ModuleCatalog.BuiltIn.Select(m => m.Name).Where(name => !ModuleCatalog.Required.Contains(name))];

    [Theory]
    [MemberData(nameof(Switchable))]
    public async Task With_a_module_and_its_dependants_switched_off_every_page_of_the_rest_answers(string module)
    {
        var off = WithDependants(module);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ValidatedClinicApp(database, off.ToDictionary(name => $"Clinic:Modules:{name}:Enabled", _ => (string?)"false", StringComparer.Ordinal));
        using var browser = app.Browser();
        await browser.SignInAsync();

        var enabled = app.Services.GetRequiredService<ModuleSet>().All.Select(m => m.Name).ToList();
        var failures = new List<string>();
        foreach (var path in PagesWithoutParameters(app.Services))
        {
            var response = await browser.Http.GetAsync(new Uri(path, UriKind.Relative));
            if ((int)response.StatusCode >= 500)
                failures.Add($"{path} answered {(int)response.StatusCode}");
        }

        Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<TenantDb>()); // scopes are validated
        Assert.DoesNotContain(enabled, off.Contains);
        Assert.Empty(InjectedServices.Unresolvable(app.Services));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task With_every_module_on_every_injected_handler_resolves()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ValidatedClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal));

        Assert.Equal(ModuleCatalog.BuiltIn.Count, app.Services.GetRequiredService<ModuleSet>().All.Count);
        Assert.Empty(InjectedServices.Unresolvable(app.Services));
    }

    /// <summary>The module and every module that depends on it, directly or through another.</summary>
    private static HashSet<string> WithDependants(string module)
    {
        var off = new HashSet<string>(StringComparer.Ordinal) { module };
        while (ModuleCatalog.BuiltIn.FirstOrDefault(m => !off.Contains(m.Name) && m.DependsOn.Any(off.Contains)) is { } dependant)
            off.Add(dependant.Name);
        return off;
    }

    private static IEnumerable<string> PagesWithoutParameters(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>An app whose container checks, at build, that every service can be made, and that no scoped service is taken from the root.</summary>
    private sealed class ValidatedClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings) : ClinicApp(database, settings)
    {
        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.UseDefaultServiceProvider(o =>
            {
                o.ValidateOnBuild = true;
                o.ValidateScopes = true;
            });
            return base.CreateHost(builder);
        }
    }
}

public sealed class ModuleDependencyTests_on_Sqlite() : ModuleDependencyTests(DatabaseProvider.Sqlite);

public sealed class ModuleDependencyTests_on_Postgres() : ModuleDependencyTests(DatabaseProvider.Postgres);

/// <summary>A module whose dependency is switched off does not start half-working: start-up names both in one line.</summary>
public sealed class ModuleDependencyRefusalTests
{
    [Fact]
    public async Task Switching_off_clients_while_booking_is_on_stops_start_up_with_one_line_naming_both()
    {
        using var host = new HostProcess();

        var exit = await host.RunAsync(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["Clinic__Modules__Clients__Enabled"] = "false" },
            "--urls",
            "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains("Booking", line, StringComparison.Ordinal);
        Assert.Contains("depends on Clients, which is switched off (Clinic:Modules:Clients:Enabled)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_off_clients_with_the_modules_that_depend_on_it_is_accepted()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:Modules:Clients:Enabled"] = "false",
            ["Clinic:Modules:Booking:Enabled"] = "false",
            ["Clinic:Modules:Messaging:Enabled"] = "false",
        }).Build();

        var enabled = ModuleRegistration.Enabled(ModuleCatalog.BuiltIn, settings).Select(m => m.Name);

        Assert.Equal(["Accounts", "Charting", "Billing", "Privacy", "Cookies"], enabled);
    }
}
