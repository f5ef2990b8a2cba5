using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.SignInProtection;

internal static class SignInProtectionServices
{
    /// <summary>Lockout and rate limits for sign-in; reads and checks their settings now, so a bad one stops start-up.</summary>
    public static void AddSignInProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SignInSettings.From(configuration));
        services.AddSingleton<AccountLockout>();
        services.AddSingleton<SignInRateLimits>();
        services.AddRateLimiter(o => o.AddPolicy<string, SignInPerIp>(SignInPerIp.Policy));
    }
}
