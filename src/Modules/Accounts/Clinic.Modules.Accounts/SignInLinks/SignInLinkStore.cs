using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Devices;

namespace Clinic.Modules.Accounts.SignInLinks;

/// <summary>
/// Single-use sign-in links, valid for 15 minutes and stored only as the token's hash. Asking again voids the
/// person's earlier links, so only the newest email works.
/// </summary>
internal sealed class SignInLinkStore(TimeProvider time, SecretSeal seal)
{
    public const string RequestedAction = "signin.link_requested";
    public const string UsedAction = "signin.link_used";
    public const string RefusedAction = "signin.link_refused";
    public const int MaxTokenLength = 64;
    public static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(15);

    /// <summary>Stores a new link for the person and announces it for Messaging to email, in the caller's transaction.</summary>
    /// <param name="baseUrl">Where the link points, without the token, e.g. "https://clinic.example/portal/link".</param>
    public async Task<Guid> IssueAsync(DbSession db, SignedIn who, string baseUrl)
    {
        var id = Guid.CreateVersion7();
        var token = SecretToken.Create();
        var now = time.GetUtcNow();
        var expires = now + ValidFor;
        await db.ExecuteAsync(
            "UPDATE accounts_sign_in_links SET used_at = @now WHERE tenant_id = @tenant_id AND subject_id = @subject AND used_at IS NULL",
            new { subject = who.HolderId, now });
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_sign_in_links (id, tenant_id, audience, subject_id, token_hash, created_at, expires_at)
            VALUES (@id, @tenant_id, @audience, @subject, @hash, @now, @expires)
            """,
            new { id, audience = who.Audience, subject = who.HolderId, hash = SecretToken.Hash(token), now, expires });
        await db.PublishAsync(new SignInLinkRequested(id, who.Audience, who.Email, who.Name, seal.Seal($"{baseUrl}/{token}"), expires));
        return id;
    }

    /// <summary>Whether the link would work, without spending it: opening a link only shows the button that signs in.</summary>
    public Task<bool> IsLiveAsync(DbSession db, string audience, string? token) =>
        string.IsNullOrEmpty(token) || token.Length > MaxTokenLength
            ? Task.FromResult(false)
            : db.ExecuteScalarAsync<bool>(
                """
                SELECT EXISTS (SELECT 1 FROM accounts_sign_in_links
                WHERE tenant_id = @tenant_id AND token_hash = @hash AND audience = @audience AND used_at IS NULL AND expires_at > @now)
                """,
                new { hash = SecretToken.Hash(token), audience, now = time.GetUtcNow() });

    /// <summary>Spends the link: the person it was issued to, or null when it is unknown, spent, expired or for the other audience.</summary>
    public async Task<Guid?> RedeemAsync(DbSession db, string audience, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
            return null;

        var now = time.GetUtcNow();
        var link = await db.QuerySingleOrDefaultAsync<Link>(
            """
            SELECT id AS Id, subject_id AS SubjectId FROM accounts_sign_in_links
            WHERE tenant_id = @tenant_id AND token_hash = @hash AND audience = @audience AND used_at IS NULL AND expires_at > @now
            """,
            new { hash = SecretToken.Hash(token), audience, now });
        if (link is null)
            return null;

        // The guard on used_at makes two clicks racing for the same link spend it once.
        var spent = await db.ExecuteAsync(
            "UPDATE accounts_sign_in_links SET used_at = @now WHERE tenant_id = @tenant_id AND id = @id AND used_at IS NULL",
            new { id = link.Id, now });
        return spent == 1 ? link.SubjectId : null;
    }

    private sealed class Link
    {
        public Guid Id { get; init; }

        public Guid SubjectId { get; init; }
    }
}
