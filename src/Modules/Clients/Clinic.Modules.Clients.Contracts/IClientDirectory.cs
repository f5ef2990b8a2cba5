using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Clients.Contracts;

public sealed record ClientSummary(Guid Id, string Name);

/// <summary>A client and the email they are reached at.</summary>
public sealed record ClientContact(Guid Id, string Name, string Email);

/// <summary>The current clinic's clients, for modules that refer to them by id.</summary>
public interface IClientDirectory
{
    Task<IReadOnlyList<ClientSummary>> ListAsync(int limit, CancellationToken ct);

    /// <summary>The client with this email; when several share it (a parent who books for children), the one registered first.</summary>
    Task<ClientContact?> FindByEmailAsync(string email, CancellationToken ct);

    Task<ClientContact?> FindAsync(Guid clientId, CancellationToken ct);

    /// <summary><see cref="FindAsync(Guid, CancellationToken)"/> inside the caller's transaction, so what it finds is what the caller's change sees.</summary>
    Task<ClientContact?> FindAsync(DbSession db, Guid clientId);

    /// <summary>
    /// The existing client with this mobile number or, failing that, this email; otherwise a new client made from
    /// <paramref name="client"/>. Either way the access is audited.
    /// </summary>
    Task<ClientContact> FindOrAddAsync(NewClient client, CancellationToken ct);

    /// <summary>
    /// <see cref="FindOrAddAsync(NewClient, CancellationToken)"/> inside the caller's write transaction, so that a
    /// client is added only if the caller's own change commits (an online booking that loses its slot adds nobody).
    /// Concurrent callers with the same mobile number or email find one client, never add two.
    /// </summary>
    Task<ClientContact> FindOrAddAsync(DbSession db, NewClient client);

    /// <summary>The full names of these clients, for labelling another module's page; ids not found are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken ct);

    /// <summary>Clients matching any part of a name, mobile or email, as the top bar finds them; each search is audited.</summary>
    Task<IReadOnlyList<ClientContact>> SearchAsync(string text, CancellationToken ct);
}
