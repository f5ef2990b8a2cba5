using System.Net;
using System.Net.Http.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Modules;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Modules;

/// <summary>The app with the sample module loaded from a modules folder, as a third-party module would be.</summary>
public abstract class WithSampleModule(DatabaseProvider provider) : AppFixture(provider)
{
    private readonly SampleModuleFolder _modules = new SampleModuleFolder().WithSample();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _modules.Dispose();
    }

    protected virtual bool JobsEnabled => false;

    protected IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:Modules:Path"] = _modules.Path,
        ["Clinic:Jobs:Enabled"] = JobsEnabled ? "true" : "false",
    };

    protected override ClinicApp Create(TestDatabase database) => new(database, Settings);
}

public sealed class WithSampleModuleOnSqlite() : WithSampleModule(DatabaseProvider.Sqlite);

public sealed class WithSampleModuleOnPostgres() : WithSampleModule(DatabaseProvider.Postgres);

public abstract class ExternalModuleTests(WithSampleModule fixture)
{
    [Fact]
    public void The_external_module_is_loaded_in_its_own_load_context_after_the_built_in_ones()
    {
        var sample = fixture.App.Services.GetRequiredService<ModuleSet>().All[^1];

        Assert.Equal("Sample", sample.Name);
        Assert.True(sample.IsExternal);
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(sample.Assembly));
    }

    [Fact]
    public async Task The_external_module_is_migrated()
    {
        var migrator = fixture.App.Services.GetRequiredService<Migrator>();

        Assert.Contains(migrator.All(), m => m is { Module: "Sample", Id: "0001_init" });
        Assert.Equal(0, await migrator.PendingAsync(default));
    }

    [Fact]
    public async Task The_external_module_serves_its_page()
    {
        using var browser = fixture.App.Browser();

        var (response, page) = await browser.GetPageAsync("/sample");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sample module", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_external_module_serves_its_api_to_permitted_users_only()
    {
        using var anonymous = fixture.App.Browser();
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();

        var refused = await anonymous.Http.GetAsync("/api/v1/sample/notes");
        var created = await owner.Http.PostAsJsonAsync("/api/v1/sample/notes", new { text = "Patch test booked" });
        var notes = await owner.Http.GetFromJsonAsync<string[]>("/api/v1/sample/notes");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("Patch test booked", notes!);
    }
}

public sealed class ExternalModuleTests_on_Sqlite(WithSampleModuleOnSqlite fixture) : ExternalModuleTests(fixture), IClassFixture<WithSampleModuleOnSqlite>;

public sealed class ExternalModuleTests_on_Postgres(WithSampleModuleOnPostgres fixture) : ExternalModuleTests(fixture), IClassFixture<WithSampleModuleOnPostgres>;
