using Clinic.BuildingBlocks.Data;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// Every SQL statement in a module that names a tenant table (one with a tenant_id column) binds @tenant_id, so SQLite,
/// which has no row-level security, never reads or writes across clinics. A statement is a literal, or one part of a
/// literal between semicolons; a literal that opens with a statement verb counts in any case.
/// </summary>
public sealed class TenantBindingTests
{
    private const string Fragment = "a SELECT ... FROM prefix (a constant) that every query using it completes with WHERE ... tenant_id = @tenant_id";

    // Statements that rightly name a tenant table without binding the tenant, by file and tables, each with its reason.
    private static readonly Dictionary<string, string> Excused = new(StringComparer.Ordinal)
    {
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Sessions/SessionStore.cs: accounts_sessions, accounts_staff"] = Fragment,
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Sessions/SessionStore.cs: accounts_client_sessions"] = Fragment,
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Audit/AuditSearch.cs: accounts_audit_entries"] = "the WHERE clause is built by Where(criteria), which starts with tenant_id = @tenant_id",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Tenants/TenantDirectory.cs: accounts_tenant_hosts"] = "finds the clinic a host name belongs to, before any tenant is known",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Tenants/TenantRegistry.cs: accounts_tenant_hosts"] = "the operator creates a clinic and claims its host names, across clinics by design",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Features/PlatformClinics/PlatformClinics.cs: accounts_tenant_hosts"] = "the operator console lists every clinic's host names, never a clinic's records",
        ["src/Modules/Booking/Clinic.Modules.Booking/Appointments/ClientAppointments.cs: booking_appointments, booking_services"] = Fragment,
        ["src/Modules/Booking/Clinic.Modules.Booking/Features/ManageResources/ManageResources.cs: booking_resources"] = Fragment,
        ["src/Modules/Clients/Clinic.Modules.Clients/Directory/ClientReachDirectory.cs: clients_clients"] = Fragment,
        ["src/Modules/Clients/Clinic.Modules.Clients/Directory/ClientDirectory.cs: clients_clients"] = Fragment,
    };

    [Fact]
    public async Task Every_statement_on_a_tenant_table_binds_the_tenant()
    {
        var tenantTables = (await MigratedSchema.OfAsync(DatabaseProvider.Sqlite))
            .Where(c => c.Column == "tenant_id")
            .Select(c => c.Table)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var statements = 0;
        var offences = new List<string>();
        foreach (var literal in Codebase.Modules.SelectMany(SqlLiterals.In))
        {
            foreach (var statement in literal.Text.Split(';'))
            {
                var part = literal with { Text = statement };
                var tables = part.Tables.Where(t => tenantTables.Contains(t.Table)).ToList();
                if (tables.Count == 0)
                    continue;
                statements++;
                if (!statement.Contains("@tenant_id", StringComparison.OrdinalIgnoreCase))
                    offences.Add($"{Path.GetRelativePath(Codebase.Root, literal.File)}: {string.Join(", ", tables.Select(t => t.Table).Distinct())}");
            }
        }

        Assert.Contains("clients_clients", tenantTables);
        Assert.True(statements > 100, $"Only {statements} statements on tenant tables found; the scan is not looking where the SQL is.");
        Offences.AssertNone([.. offences.Distinct().Where(o => !Excused.ContainsKey(o))]);
    }
}
