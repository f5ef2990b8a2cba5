using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Billing.Features.InvoiceList;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Billing;

/// <summary>Invoices, payments, refunds, expenses and reports.</summary>
public sealed class BillingModule : IClinicModule
{
    public string Name => "Billing";

    public IReadOnlyList<string> DependsOn => ["Accounts"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(InvoiceList.Permission, "See invoices, payments and reports", Roles.Owner);
        services.AddMenuItem("Billing", "/billing", InvoiceList.Permission, order: 40);
        services.AddScoped<InvoiceList.Handler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
