using Clinic.BuildingBlocks.Events;

namespace Clinic.Modules.Privacy.Contracts;

/// <summary>The clinic's public policy documents.</summary>
public enum PolicyKind
{
    Privacy,
    Cookies,
}

/// <summary>
/// A published version of a policy, rendered; <see cref="Version"/> is also the revision consent is given to, and
/// <see cref="UpdatedOn"/> the clinic's local date it was published.
/// </summary>
public sealed record PublishedPolicy(PolicyKind Kind, int Version, DateOnly UpdatedOn, string Html);

/// <summary>The policy versions the public pages show and that cookie consent refers to.</summary>
public interface IPublishedPolicies
{
    /// <summary>The latest version, or the shipped default (version 0) before the clinic publishes its own.</summary>
    Task<PublishedPolicy> CurrentAsync(PolicyKind kind, CancellationToken ct);

    /// <summary>The latest version's number (0 for the shipped text, or outside any clinic), without rendering it.</summary>
    Task<int> VersionAsync(PolicyKind kind, CancellationToken ct);
}

/// <summary>Someone who must hear about a policy change: the clinic's owners.</summary>
public sealed record PolicyReader(string Name, string Email);

/// <summary>
/// An owner published a new version of a policy. When <see cref="MaterialChange"/> is set, Messaging emails
/// <see cref="Notify"/>; <see cref="Url"/> is the public page it can be read on.
/// </summary>
public sealed record PolicyPublished(
    Guid VersionId,
    PolicyKind Kind,
    int Version,
    bool MaterialChange,
    string? Summary,
    string Url,
    IReadOnlyList<PolicyReader> Notify) : IntegrationEvent;
