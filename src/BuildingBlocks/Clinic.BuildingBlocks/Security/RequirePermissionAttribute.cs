using Microsoft.AspNetCore.Authorization;

namespace Clinic.BuildingBlocks.Security;

/// <summary>Declares the permission a page or endpoint needs: <c>@attribute [RequirePermission("clients.read")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequirePermissionAttribute(string permission) : AuthorizeAttribute(PolicyPrefix + permission)
{
    internal const string PolicyPrefix = "permission:";

    public string Permission { get; } = permission;
}
