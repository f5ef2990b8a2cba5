using Clinic.BuildingBlocks.Security;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>Who carries the clinic's messages, from the channels it has configured; nothing configured, nobody outside.</summary>
internal sealed class MessageProcessors(ChannelSettingsStore store) : IDataProcessors
{
    public async Task<IReadOnlyList<DataProcessor>> ListAsync(CancellationToken ct)
    {
        var setups = await store.LoadAllAsync(ct);
        var processors = new List<DataProcessor>();
        if (setups.Values.FirstOrDefault(s => s.Provider == Providers.Smtp) is { } smtp)
            processors.Add(new($"The mail service at {smtp.Fields.Host}", "delivers our emails"));
        if (setups.Values.Any(s => s.Provider == Providers.Resend))
            processors.Add(new("Resend (Resend, Inc.)", "delivers our emails"));

        var twilio = setups.Values.Where(s => s.Provider == Providers.Twilio).Select(s => s.Kind).Order().ToList();
        if (twilio.Count > 0)
        {
            var what = string.Join(" and ", twilio.Select(k => k == ChannelKind.Sms ? "text messages" : "WhatsApp messages"));
            processors.Add(new("Twilio (Twilio Inc.)", $"delivers our {what}"));
        }

        if (twilio.Contains(ChannelKind.WhatsApp))
            processors.Add(new("WhatsApp (Meta Platforms)", "carries WhatsApp messages to your phone"));

        return processors;
    }
}
