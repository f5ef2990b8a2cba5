using System.Globalization;

namespace Clinic.Modules.Booking.Services;

/// <summary>A price as the clinic's visitors read it: "PKR 15,000", or "AED 2,500.50" when it has a fraction.</summary>
internal static class Money
{
    public static string Format(decimal amount, string currency) =>
        $"{currency} {amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture)}";
}
