namespace Clinic.BuildingBlocks.Tenancy;

/// <summary>Marks an endpoint that serves no clinic's data (health, static assets), so it answers without a tenant.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PlatformEndpointAttribute : Attribute;
