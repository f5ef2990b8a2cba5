using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Modules.Accounts.Staff;

/// <summary>A staff member's sign-in record as stored; the hash is ASP.NET Core Identity's PBKDF2 format.</summary>
internal sealed class StaffAccount
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public string Email { get; init; } = "";

    public string Name { get; init; } = "";

    public string Role { get; init; } = "";

    public string? PasswordHash { get; init; }

    public bool Active { get; init; }
}

/// <summary>Creates staff and checks passwords, within the transaction's clinic.</summary>
internal sealed class StaffAccounts(TimeProvider time)
{
    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    public async Task<Guid> CreateAsync(DbSession db, string email, string name, string role, string? password)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO accounts_staff (id, tenant_id, email, name, role, password_hash, active, created_at)
            VALUES (@id, @tenant_id, @email, @name, @role, @hash, TRUE, @now)
            """,
            new { id, email = Normalize(email), name, role, hash = password is null ? null : Hasher.HashPassword(null!, password), now = time.GetUtcNow() });
        return id;
    }

    public static Task<StaffAccount?> FindAsync(DbSession db, string email) =>
        db.QuerySingleOrDefaultAsync<StaffAccount>(
            """
            SELECT id AS Id, tenant_id AS TenantId, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, active AS Active
            FROM accounts_staff
            WHERE tenant_id = @tenant_id AND email = @email
            """,
            new { email = Normalize(email) });

    public static Task<StaffAccount?> FindAsync(DbSession db, Guid staffId) =>
        db.QuerySingleOrDefaultAsync<StaffAccount>(
            """
            SELECT id AS Id, tenant_id AS TenantId, email AS Email, name AS Name, role AS Role, password_hash AS PasswordHash, active AS Active
            FROM accounts_staff
            WHERE tenant_id = @tenant_id AND id = @staffId
            """,
            new { staffId });

    public const string LastOwnerMessage = "The clinic needs at least one active owner. Make someone else an owner first.";

    /// <summary>Active owners other than this member: a role change or deactivation must never leave none.</summary>
    public static Task<long> OtherActiveOwnersAsync(DbSession db, Guid staffId) =>
        db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND role = @owner AND active = TRUE AND id <> @staffId",
            new { owner = Roles.Owner, staffId });

    public static bool PasswordMatches(StaffAccount account, string password) =>
        account.PasswordHash is not null
        && Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
