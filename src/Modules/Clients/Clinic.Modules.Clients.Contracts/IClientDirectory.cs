namespace Clinic.Modules.Clients.Contracts;

public sealed record ClientSummary(Guid Id, string Name);

/// <summary>The current clinic's clients, for modules that refer to them by id.</summary>
public interface IClientDirectory
{
    Task<IReadOnlyList<ClientSummary>> ListAsync(int limit, CancellationToken ct);
}
