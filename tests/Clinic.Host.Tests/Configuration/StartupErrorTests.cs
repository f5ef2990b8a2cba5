using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>A setting an operator got wrong stops the real process with one line naming it, not a stack trace.</summary>
public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("Clinic__Database__Provider=Oracle", "Clinic:Database:Provider")]
    [InlineData("Clinic__Edition=Franchise", "Clinic:Edition")]
    [InlineData("ConnectionStrings__Clinic=Data Source=x;Bogus Key=1", "ConnectionStrings:Clinic")]
    [InlineData("Clinic__Database__Provider=Postgres|ConnectionStrings__Clinic=Host=;;;", "ConnectionStrings:Clinic")]
    [InlineData("Clinic__Database__MigrateOnStartup=perhaps", "Clinic:Database:MigrateOnStartup")]
    [InlineData("Clinic__Jobs__Enabled=sometimes", "Clinic:Jobs:Enabled")]
    [InlineData("Clinic__Booking__ReminderOffsets__0=00:00:00", "Clinic:Booking:ReminderOffsets:0")]
    [InlineData("Clinic__Booking__ReminderOffsets__0=1.00:00:00|Clinic__Booking__ReminderOffsets__1=-02:00:00", "Clinic:Booking:ReminderOffsets:1")]
    [InlineData("Clinic__Booking__ReminderOffsets__0=tomorrow", "Clinic:Booking:ReminderOffsets:0")]
    [InlineData("Clinic__Booking__WaitlistOfferTime=two hours", "Clinic:Booking:WaitlistOfferTime")]
    [InlineData("Clinic__Booking__WaitlistOfferTime=-02:00:00", "Clinic:Booking:WaitlistOfferTime")]
    [InlineData("Clinic__Booking__WaitlistOfferTime=00:00:00", "Clinic:Booking:WaitlistOfferTime")]
    [InlineData("Clinic__Edition=MultiTenant|Clinic__Platform__Host=https://platform.clinic.test/", "Clinic:Platform:Host")]
    [InlineData("Clinic__ForwardedHeaders__KnownProxies__0=proxy.internal", "Clinic:ForwardedHeaders:KnownProxies:0")]
    [InlineData("Clinic__ForwardedHeaders__KnownProxies=10.0.0.5,10.0.0.0/8", "Clinic:ForwardedHeaders:KnownProxies")]
    [InlineData("Clinic__ForwardedHeaders__KnownNetworks__0=10.0.0.0/33", "Clinic:ForwardedHeaders:KnownNetworks:0")]
    [InlineData("Clinic__Edition=MultiTenant|Clinic__Outbound__AllowedNetworks__0=the office", "Clinic:Outbound:AllowedNetworks:0")]
    [InlineData("Clinic__Outbound__AllowedNetworks__0=10.0.0.0/8|Clinic__Outbound__AllowedNetworks__1=10.0.0.0/33", "Clinic:Outbound:AllowedNetworks:1")]
    [InlineData("Clinic__Edition=MultiTenant|Clinic__Messaging__ResendWebhookSecret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Clinic:Messaging:ResendWebhookSecret")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_its_key(string settings, string key)
    {
        using var host = new HostProcess();

        var exit = await host.RunAsync(Parse(settings), "--urls", "http://127.0.0.1:0");

        Assert.True(exit.ExitCode is not 0 and not int.MinValue, exit.ToString());
        var line = Assert.Single(exit.ErrorLines);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Parse(string settings) =>
        settings.Split('|').Select(s => s.Split('=', 2)).ToDictionary(s => s[0], s => s[1], StringComparer.Ordinal);
}
