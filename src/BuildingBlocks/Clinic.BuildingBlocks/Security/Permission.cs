namespace Clinic.BuildingBlocks.Security;

/// <summary>Something a user may do, e.g. "clients.read", and the roles granted it. Modules declare their own.</summary>
public sealed record Permission(string Name, string Description, IReadOnlyList<string> GrantedTo)
{
    /// <summary>Marks a public page or endpoint; the route-permission test accepts it as an explicit declaration.</summary>
    public const string Anonymous = "anonymous";
}

/// <summary>Every permission the enabled modules declared; answers whether a role holds one.</summary>
public sealed class PermissionCatalog(IEnumerable<Permission> permissions)
{
    private readonly Dictionary<string, Permission> _byName = permissions.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<Permission> All => _byName.Values;

    public bool Grants(string role, string permission) =>
        _byName.TryGetValue(permission, out var declared) && declared.GrantedTo.Contains(role, StringComparer.Ordinal);
}
