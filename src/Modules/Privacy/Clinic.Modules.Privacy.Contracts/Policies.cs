using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Privacy.Contracts;

/// <summary>The clinic's public policy documents.</summary>
public enum PolicyKind
{
    Privacy,
    Cookies,
}

/// <summary>
/// The policy visitors read now, rendered: <see cref="Revision"/> is the one consent is given to (see
/// <see cref="IPublishedPolicies.RevisionAsync"/>), and <see cref="UpdatedOn"/> the clinic's local date it was published.
/// </summary>
public sealed record PublishedPolicy(PolicyKind Kind, string Revision, DateOnly UpdatedOn, string Html);

/// <summary>The policy versions the public pages show and that cookie consent refers to.</summary>
public interface IPublishedPolicies
{
    /// <summary>
    /// The clinic's latest version; before it publishes one, the operator's default in the SaaS edition, or else the
    /// shipped text.
    /// </summary>
    Task<PublishedPolicy> CurrentAsync(PolicyKind kind, CancellationToken ct);

    /// <summary>
    /// Which text visitors read now, without rendering it: the clinic's version number ("3"), "p2" for the operator's
    /// version 2, or "0" for the shipped text (and outside any clinic).
    /// </summary>
    Task<string> RevisionAsync(PolicyKind kind, CancellationToken ct);
}

/// <summary>Someone who must hear about a policy change: the clinic's owners.</summary>
public sealed record PolicyReader(string Name, string Email);

/// <summary>
/// An owner published a new version of a policy, or (<see cref="Default"/>) the SaaS operator published a new default
/// and this clinic is being told. When <see cref="MaterialChange"/> is set, Messaging emails <see cref="Notify"/>;
/// <see cref="Url"/> is the public page it can be read on.
/// </summary>
[EventName("privacy.policy-published.v1")]
public sealed record PolicyPublished(
    Guid VersionId,
    PolicyKind Kind,
    int Version,
    bool MaterialChange,
    string? Summary,
    string Url,
    IReadOnlyList<PolicyReader> Notify) : IntegrationEvent
{
    public bool Default { get; init; }
}
