using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Host.Hosting;

internal static class AuditVerifyCommand
{
    /// <summary>The exit code when a chain is broken, distinct from 1, which means Clinic could not run the check.</summary>
    public const int Broken = 2;

    /// <summary><c>dotnet run --project src/Host -- audit verify</c>: checks every clinic's audit chain, then exits.</summary>
    public static async Task<int> VerifyAuditTrailAsync(this WebApplication app)
    {
        var report = await app.Services.GetRequiredService<IAuditChain>().VerifyAsync(CancellationToken.None);
        if (report.FirstBroken is { } broken)
        {
            await Console.Error.WriteLineAsync(
                $"Audit trail broken: clinic {broken.TenantId}, entry {broken.Sequence} (id {broken.Id}): {broken.Reason}.");
            return Broken;
        }

        await Console.Out.WriteLineAsync($"Audit trail intact: {report.Entries} entries in {report.Clinics} clinics.");
        // Not tampering: these were recorded moments ago, and the running app's audit-chain job chains them.
        if (report.Waiting > 0)
            await Console.Out.WriteLineAsync($"{report.Waiting} newer entries are waiting for their place in the chain; verify again once the app has chained them.");
        return 0;
    }
}
