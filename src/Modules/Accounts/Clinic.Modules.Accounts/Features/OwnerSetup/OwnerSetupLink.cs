using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Microsoft.Extensions.Configuration;

namespace Clinic.Modules.Accounts.Features.OwnerSetup;

/// <summary>The one-time link printed on first run, so the person at the console becomes the clinic's owner.</summary>
internal sealed class OwnerSetupLink(TimeProvider time, IConfiguration configuration)
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(24);

    public async Task<string> IssueAsync(DbSession db)
    {
        var token = SecretToken.Create();
        await db.ExecuteAsync("DELETE FROM accounts_setup_tokens WHERE tenant_id = @tenant_id AND used_at IS NULL");
        await db.ExecuteAsync(
            "INSERT INTO accounts_setup_tokens (token_hash, tenant_id, expires_at) VALUES (@hash, @tenant_id, @expires)",
            new { hash = SecretToken.Hash(token), expires = time.GetUtcNow() + ValidFor });
        return $"{PublicUrl()}/setup/{token}";
    }

    private string PublicUrl()
    {
        var configured = configuration["Clinic:PublicUrl"]
            ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? "http://localhost:5080";
        return configured.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
