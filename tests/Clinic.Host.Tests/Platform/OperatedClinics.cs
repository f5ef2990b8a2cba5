using Clinic.Host.Tests.Tenancy;
using Clinic.Testing;

namespace Clinic.Host.Tests.Platform;

/// <summary>The SaaS edition with two clinics and an operator console at its own host, whose first operator comes from settings.</summary>
public abstract class OperatedClinics(BuildingBlocks.Data.DatabaseProvider provider) : TwoClinics(provider)
{
    public const string PlatformHost = "platform.clinic.test";
    public const string OperatorEmail = "operator@platform.clinic.test";
    public const string OperatorPassword = "the platform's own long passphrase";

    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:Edition"] = "MultiTenant",
            ["Clinic:Platform:Host"] = PlatformHost,
            ["Clinic:Bootstrap:Operator:Email"] = OperatorEmail,
            ["Clinic:Bootstrap:Operator:Password"] = OperatorPassword,
        });
}

public sealed class OperatedClinicsOnSqlite() : OperatedClinics(BuildingBlocks.Data.DatabaseProvider.Sqlite);

public sealed class OperatedClinicsOnPostgres() : OperatedClinics(BuildingBlocks.Data.DatabaseProvider.Postgres);

/// <summary>The single-clinic edition given the platform settings anyway: it must ignore them.</summary>
public abstract class SingleClinicWithPlatformSettings(BuildingBlocks.Data.DatabaseProvider provider) : AppFixture(provider)
{
    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:Platform:Host"] = OperatedClinics.PlatformHost,
            ["Clinic:Bootstrap:Operator:Email"] = OperatedClinics.OperatorEmail,
            ["Clinic:Bootstrap:Operator:Password"] = OperatedClinics.OperatorPassword,
        });
}

public sealed class SingleClinicWithPlatformSettingsOnSqlite() : SingleClinicWithPlatformSettings(BuildingBlocks.Data.DatabaseProvider.Sqlite);

public sealed class SingleClinicWithPlatformSettingsOnPostgres() : SingleClinicWithPlatformSettings(BuildingBlocks.Data.DatabaseProvider.Postgres);
