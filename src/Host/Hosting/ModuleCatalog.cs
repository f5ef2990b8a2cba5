using Clinic.BuildingBlocks.Modules;
using Clinic.Modules.Accounts;
using Clinic.Modules.Billing;
using Clinic.Modules.Booking;
using Clinic.Modules.Charting;
using Clinic.Modules.Clients;
using Clinic.Modules.Cookies;
using Clinic.Modules.Messaging;
using Clinic.Modules.Privacy;

namespace Clinic.Host.Hosting;

/// <summary>
/// The built-in modules, listed by hand rather than scanned so that a forgotten module fails a test instead of
/// silently answering 404. The order is the start and migration order.
/// </summary>
internal static class ModuleCatalog
{
    public static IReadOnlyList<IClinicModule> BuiltIn =>
    [
        new AccountsModule(),
        new ClientsModule(),
        new BookingModule(),
        new ChartingModule(),
        new BillingModule(),
        new MessagingModule(),
        new PrivacyModule(),
        new CookiesModule(),
    ];

    /// <summary>Modules the rest depend on for identities and tenants; they cannot be switched off.</summary>
    public static readonly IReadOnlySet<string> Required = new HashSet<string>(StringComparer.Ordinal) { "Accounts" };
}
