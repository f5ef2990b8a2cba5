using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;

namespace Clinic.Modules.Booking.Features.CalendarFeed;

/// <summary>
/// A provider's own subscription URL: created (shown once, since only its hash is kept) or revoked. A new URL revokes
/// the old one, so a provider who lost a phone makes a new link and the old one stops working.
/// </summary>
internal static class CalendarFeedSubscription
{
    public const string PagePath = "/calendar-feed";
    public const string CreatedAction = "calendar.feed.created";
    public const string RevokedAction = "calendar.feed.revoked";

    internal sealed class Request
    {
        public string? Confirm { get; set; }
    }

    internal sealed class Feed
    {
        public Guid Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work, TimeProvider time)
    {
        /// <summary>The provider's live feed, if any.</summary>
        public async Task<Feed?> CurrentAsync(Guid providerId, CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QuerySingleOrDefaultAsync<Feed>(
                "SELECT id AS Id, created_at AS CreatedAt FROM booking_calendar_feeds WHERE tenant_id = @tenant_id AND provider_id = @providerId AND revoked_at IS NULL",
                new { providerId });
        }

        /// <summary>Revokes any live feed and returns the new feed's token, which is never stored.</summary>
        public async Task<string> CreateAsync(Guid providerId, CancellationToken ct)
        {
            var token = SecretToken.Create();
            await work.RunAsync<Guid>(
                async change =>
                {
                    var id = Guid.CreateVersion7();
                    var now = time.GetUtcNow();
                    await RevokeAsync(change.Db, providerId, now);
                    await change.Db.ExecuteAsync(
                        """
                        INSERT INTO booking_calendar_feeds (id, tenant_id, provider_id, token_hash, created_at)
                        VALUES (@id, @tenant_id, @providerId, @hash, @now)
                        """,
                        new { id, providerId, hash = SecretToken.Hash(token), now });
                    change.Audit(new AuditEntry(CreatedAction) { RecordId = providerId });
                    return id;
                },
                ct);
            return token;
        }

        /// <summary>Revokes the provider's live feed; false when there was none.</summary>
        public async Task<bool> RevokeAsync(Guid providerId, CancellationToken ct)
        {
            var outcome = await work.RunAsync<Guid>(
                async change =>
                {
                    if (!await RevokeAsync(change.Db, providerId, time.GetUtcNow()))
                        return Outcome.NotFound;
                    change.Audit(new AuditEntry(RevokedAction) { RecordId = providerId });
                    return providerId;
                },
                ct);
            return outcome.Succeeded;
        }

        private static async Task<bool> RevokeAsync(DbSession db, Guid providerId, DateTimeOffset now) =>
            await db.ExecuteAsync(
                "UPDATE booking_calendar_feeds SET revoked_at = @now WHERE tenant_id = @tenant_id AND provider_id = @providerId AND revoked_at IS NULL",
                new { providerId, now }) > 0;
    }
}
