using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Accounts.Tenants;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Tenancy;

/// <summary>The SaaS edition with two clinics, each with an owner and its own clients.</summary>
public abstract class TwoClinics(BuildingBlocks.Data.DatabaseProvider provider) : AppFixture(provider)
{
    public const string HostA = "a.clinic.test";
    public const string HostB = "b.clinic.test";
    public const string OwnerA = "owner@a.clinic.test";
    public const string OwnerB = "owner@b.clinic.test";

    public ClinicTenant A { get; private set; } = null!;

    public ClinicTenant B { get; private set; } = null!;

    public async Task SetUpAsync()
    {
        A = await CreateClinicAsync("Clinic A", HostA, OwnerA, ["Ayesha Khan", "Hira Malik", "Sana Raza"]);
        B = await CreateClinicAsync("Clinic B", HostB, OwnerB, ["Usman Butt", "Zainab Iqbal"]);
    }

    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Edition"] = "MultiTenant" });

    private async Task<ClinicTenant> CreateClinicAsync(string name, string host, string ownerEmail, string[] clients)
    {
        var clinic = await App.Services.GetRequiredService<TenantRegistry>().CreateAsync(name, [host], default);
        await App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            await services.GetRequiredService<StaffAccounts>().CreateAsync(db, ownerEmail, name + " owner", Roles.Owner, ClinicApp.OwnerPassword);
            foreach (var client in clients)
            {
                var parts = client.Split(' ');
                await db.ExecuteAsync(
                    "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, created_at) VALUES (@id, @tenant_id, @first, @last, @now)",
                    new { id = Guid.CreateVersion7(), first = parts[0], last = parts[1], now = Clock.GetUtcNow() });
            }

            await db.CommitAsync();
            return 0;
        });
        return clinic;
    }
}

public sealed class TwoClinicsOnSqlite() : TwoClinics(BuildingBlocks.Data.DatabaseProvider.Sqlite);

public sealed class TwoClinicsOnPostgres() : TwoClinics(BuildingBlocks.Data.DatabaseProvider.Postgres);
