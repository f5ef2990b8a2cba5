namespace Clinic.BuildingBlocks.Tenancy;

/// <summary>
/// Marks a page of the operator console, besides <see cref="PlatformEndpointAttribute"/>: it answers only at
/// <c>Clinic:Platform:Host</c> in the SaaS edition, and 404 at a clinic's address or in the single-clinic edition.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PlatformConsoleAttribute : Attribute;
