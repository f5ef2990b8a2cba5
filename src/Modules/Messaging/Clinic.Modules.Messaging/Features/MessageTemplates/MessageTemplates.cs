using Clinic.BuildingBlocks.Tenancy;
using Clinic.Modules.Messaging.Templates;

namespace Clinic.Modules.Messaging.Features.MessageTemplates;

/// <summary>Every message type with its email and text template in each language, marking the ones this clinic rewrote.</summary>
internal static class MessageTemplates
{
    public const string Permission = "messages.templates";
    public const string Path = "/messages/templates";

    public static readonly (string Code, string Name)[] Channels = [(TemplateSource.Email, "Email"), (TemplateSource.Text, "Text (SMS and WhatsApp)")];

    public static readonly (string Code, string Name)[] Languages = [("en", "English"), ("ur", "اردو Urdu")];

    public static string EditPath(string kind, string channel, string language) => $"{Path}/{kind}/{channel}/{language}";

    internal sealed class Override
    {
        public string Kind { get; init; } = "";

        public string ChannelGroup { get; init; } = "";

        public string Language { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb)
    {
        /// <summary>The (kind, channel group, language) of each template this clinic overrides.</summary>
        public async Task<HashSet<(string Kind, string Channel, string Language)>> OverriddenAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var rows = await db.QueryAsync<Override>(
                "SELECT kind AS Kind, channel_group AS ChannelGroup, language AS Language FROM messaging_templates WHERE tenant_id = @tenant_id");
            return [.. rows.Select(r => (r.Kind, r.ChannelGroup, r.Language))];
        }
    }
}
