namespace Clinic.BuildingBlocks.Modules;

/// <summary>Declares the module class of an external module assembly, so the host need not scan its types.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ClinicModuleAttribute(Type moduleType) : Attribute
{
    public Type ModuleType { get; } = moduleType;
}
