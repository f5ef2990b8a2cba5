using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>
/// The invitation email stands in the Accounts outbox until Messaging sends it, and the staff page never shows the
/// link (it is the invitee's secret), so the test reads the link where the email would carry it from.
/// </summary>
internal static class SentInvitations
{
    public static Task<string> LinkForAsync(this ClinicApp app, string email) =>
        app.InScopeAsync(async services =>
        {
            var clinic = await services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default)
                ?? throw new InvalidOperationException("The clinic has not been created.");
            services.GetRequiredService<TenantContext>().Use(clinic.Id);
            await using var db = await services.GetRequiredService<TenantDb>().ReadAsync(default);
            var payloads = await db.QueryAsync<string>(
                "SELECT payload FROM accounts_outbox WHERE tenant_id = @tenant_id AND type = @type ORDER BY occurred_at",
                new { type = EventNames.Of<StaffInvited>() });
            var invited = payloads.Select(p => JsonSerializer.Deserialize<StaffInvited>(p, JsonSerializerOptions.Web)!)
                .LastOrDefault(p => p.Email == email)
                ?? throw new InvalidOperationException($"No invitation to {email} is waiting in the outbox.");
            return app.OpenLink(invited.AcceptUrl);
        });
}
