using Clinic.BuildingBlocks.Hosting;

namespace Clinic.Host.Hosting;

/// <summary>
/// Where Clinic finds appsettings.json, wwwroot and a relative SQLite file: its content root. ASP.NET takes the working
/// directory, so a Clinic started from any other folder read no appsettings.json and served every stylesheet, script
/// and icon as an empty 200. Clinic takes its own folder instead, unless it is started in its project folder (as
/// <c>dotnet run</c> does) or is given one (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>).
/// </summary>
internal static class AppFolder
{
    private const string ContentRootKey = "contentRoot";
    private const string RequiredWebFile = "css/app.css";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = IsGiven(args) || InProjectFolder() ? null : AppContext.BaseDirectory,
    };

    /// <summary>
    /// An unpublished build keeps its web files in the source tree, listed in a manifest beside it; ASP.NET reads that
    /// manifest only in Development, so outside it such a build answered its modules' files with errors.
    /// </summary>
    public static void ServeWebFilesOfAnUnpublishedBuild(this WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && File.Exists(manifest))
            builder.WebHost.UseStaticWebAssets();
    }

    /// <summary>Refuses to start without the web files, rather than serve pages with no styles or scripts.</summary>
    public static void RequireWebFiles(this WebApplication app)
    {
        if (!app.Environment.WebRootFileProvider.GetFileInfo(RequiredWebFile).Exists)
        {
            throw new ClinicConfigurationException(
                ContentRootKey,
                $"the folder Clinic was published to, which holds wwwroot/{RequiredWebFile} ({app.Environment.ContentRootPath} does not); leave it unset to use Clinic's own folder");
        }
    }

    private static bool IsGiven(string[] args) =>
        !string.IsNullOrEmpty(new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[ContentRootKey]);

    private static bool InProjectFolder() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), typeof(AppFolder).Assembly.GetName().Name + ".csproj"));
}
