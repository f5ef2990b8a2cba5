using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Messaging.Features.ChannelSettings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Messaging.Channels;

internal static class ChannelServices
{
    /// <summary>
    /// The providers (SMTP, Resend, Twilio), the clinic's channel directory built from its saved settings, and the
    /// owner's channel settings page at <see cref="ChangeChannel.PagePath"/>.
    /// </summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ChannelOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<ChannelResilience>();
        // The pipeline times each attempt; the client's own timeout is a backstop for a pipeline that never returns.
        var backstop = (options.AttemptTimeout * (options.Retries + 1)) + (options.LongestInProcessWait * options.Retries) + TimeSpan.FromSeconds(5);
        services.AddHttpClient<ResendApi>(http => http.Timeout = backstop);
        services.AddHttpClient<TwilioApi>(http => http.Timeout = backstop);
        services.AddScoped<ChannelSettingsStore>();
        services.AddDataProcessors<MessageProcessors>();
        services.AddScoped<IChannelDirectory, ChannelDirectory>();

        services.AddPermission(ChangeChannel.Permission, "Set up how messages are sent: email, SMS and WhatsApp providers", Roles.Owner);
        services.AddMenuItem("Message channels", ChangeChannel.PagePath, ChangeChannel.Permission, order: 51);
        services.AddScoped<ChangeChannel.Handler>();
        services.AddScoped<SendTestMessage.Handler>();
        return services;
    }
}
