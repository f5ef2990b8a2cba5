namespace Clinic.Modules.Clients.Contracts;

/// <summary>For Messaging's campaigns: which clients a marketing message may go to.</summary>
public interface IClientSegments
{
    /// <summary>The tags the clinic's clients carry, in order, for choosing a segment.</summary>
    Task<IReadOnlyList<string>> TagsAsync(CancellationToken ct);

    /// <summary>
    /// Clients whose consent for <paramref name="channel"/> is on now (their newest change is a yes), with
    /// <paramref name="tag"/> when one is given; audited once as a segment read.
    /// </summary>
    Task<IReadOnlyList<Guid>> ConsentingAsync(ContactChannel channel, string? tag, CancellationToken ct);
}
