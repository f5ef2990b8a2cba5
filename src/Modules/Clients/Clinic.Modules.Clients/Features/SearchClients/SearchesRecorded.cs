using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Caching.Memory;

namespace Clinic.Modules.Clients.Features.SearchClients;

/// <summary>
/// The top bar shows suggestions as a name is typed, a request per pause: one search, which the script names with an
/// id of its own. The first request of a search is recorded; the rest of it are not, for up to
/// <see cref="Span"/>, after which a search still being typed is recorded again (ADR 0028). Each host remembers its
/// own, so a search spread over several hosts is recorded at most once on each.
/// </summary>
internal sealed class SearchesRecorded(IMemoryCache cache, ITenantContext tenant, AuditContext audit, TimeProvider time)
{
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(5);

    /// <summary>Whether this person's search <paramref name="search"/> was recorded less than <see cref="Span"/> ago.</summary>
    public bool Recorded(Guid search) =>
        cache.TryGetValue(Key(search), out DateTimeOffset since) && time.GetUtcNow() - since < Span;

    public void Remember(Guid search) =>
        cache.Set(Key(search), time.GetUtcNow(), Span);

    // Tied to the person as well as the id, so nobody can spend another's search and go unrecorded.
    private (string, Guid, Guid?, Guid) Key(Guid search) => (SearchClients.AuditAction, tenant.Required, audit.Actor?.Id, search);
}
