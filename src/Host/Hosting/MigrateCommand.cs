using Clinic.BuildingBlocks.Data.Migrations;

namespace Clinic.Host.Hosting;

internal static class MigrateCommand
{
    /// <summary><c>dotnet run --project src/Host -- migrate</c>: applies pending migrations, then exits.</summary>
    public static async Task<int> MigrateAsync(this WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync($"Database is up to date ({applied} migration(s) applied).");
        return 0;
    }
}
