using System.Xml.Linq;
using Clinic.BuildingBlocks.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Security;

/// <summary>
/// Keeps ASP.NET Core Data Protection's key ring in the app's own database (<c>clinic_data_protection_keys</c>), so
/// keys survive restarts and redeployments and every host of the SaaS edition reads and writes the same ring.
/// Keys are stored unencrypted: see ADR 0008.
/// </summary>
internal sealed class DatabaseKeyRing(ClinicDatabase database, TimeProvider time) : IXmlRepository
{
    // Data Protection calls this synchronously, at start and about once a day per host, so blocking here is cheap.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM clinic_data_protection_keys ORDER BY created_at, id").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO clinic_data_protection_keys (id, friendly_name, xml, created_at) VALUES (@id, @friendlyName, @xml, @now)",
            new { id = Guid.CreateVersion7(), friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow() });
    }
}

public static class DataProtectionServices
{
    /// <summary>The same on every host, so that they all read one another's cookies and protected values.</summary>
    public const string ApplicationName = "Clinic";

    public static IServiceCollection AddClinicDataProtection(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseKeyRing>();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseKeyRing>((options, ring) => options.XmlRepository = ring);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<SecretSeal>();
        return services;
    }
}
