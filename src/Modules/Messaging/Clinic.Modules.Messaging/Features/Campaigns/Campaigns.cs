using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Accounts.Contracts;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>The clinic's campaigns with their progress, newest first.</summary>
internal static class Campaigns
{
    internal sealed record Page(IReadOnlyList<Campaign> Rows, TimeZoneInfo Zone);

    public static string ChannelLabel(string channel) => NewCampaign.Channels.FirstOrDefault(c => c.Value == channel).Label ?? channel;

    public static string StatusLabel(string status) => status switch
    {
        "draft" => "Draft",
        "sending" => "Sending",
        _ => "Sent",
    };

    // Not audited: campaigns name no client, and the counts reveal none.
    internal sealed class Handler(TenantDb tenantDb, ClinicTime clinicTime)
    {
        public async Task<Page> HandleAsync(CancellationToken ct)
        {
            var zone = await clinicTime.ZoneAsync(ct);
            await using var db = await tenantDb.ReadAsync(ct);
            return new Page(await Campaign.ReadAsync(db), zone);
        }
    }
}
