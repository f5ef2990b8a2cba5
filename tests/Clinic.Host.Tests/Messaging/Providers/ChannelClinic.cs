using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>A clinic whose Twilio and Resend base addresses point at local fakes, which start before the app.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the fakes.")]
public abstract class ChannelClinic : AppFixture, IAsyncLifetime
{
    public const string Password = "a long and private passphrase";

    protected ChannelClinic(DatabaseProvider provider)
        : base(provider) => Twilio = new FakeTwilio(() => Clock.GetUtcNow());

    public FakeTwilio Twilio { get; }

    public FakeResend Resend { get; } = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Twilio.StartAsync();
        await Resend.StartAsync();
        await InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
        await Resend.DisposeAsync();
    }

    public async Task<ClinicClient> OwnerAsync()
    {
        var owner = App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    public async Task<ClinicClient> StaffAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@clinic.test";
        await App.AddStaffAsync(email, role, Password);
        var browser = App.Browser();
        await browser.SignInAsync(email, Password);
        return browser;
    }

    protected override ClinicApp Create(TestDatabase database) => new(database, new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:Messaging:Channels:TwilioBaseUrl"] = Twilio.BaseUrl.AbsoluteUri,
        ["Clinic:Messaging:Channels:ResendBaseUrl"] = Resend.BaseUrl.AbsoluteUri,
        ["Clinic:Messaging:Channels:AttemptTimeout"] = "00:00:02",
        ["Clinic:Messaging:Channels:RetryDelay"] = "00:00:00.010",
    });
}

public sealed class ChannelClinicOnSqlite() : ChannelClinic(DatabaseProvider.Sqlite);

public sealed class ChannelClinicOnPostgres() : ChannelClinic(DatabaseProvider.Postgres);

/// <summary>The channel settings page's forms, posted as a browser without scripts posts them.</summary>
internal static class ChannelForms
{
    public const string Path = "/messages/channels";
    public const string FromNumber = "+14155550100";

    public static Task<HttpResponseMessage> SaveAsync(this ClinicClient owner, string kind, params (string Name, string Value)[] fields) =>
        owner.SubmitAsync(Path, fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal), $"form.channel-settings.channel-{kind}");

    public static Task<HttpResponseMessage> SaveTwilioSmsAsync(this ClinicClient owner, FakeTwilio twilio, string? token = null, string from = FromNumber) =>
        owner.SaveAsync("sms", ("Sms.Provider", "twilio"), ("Sms.AccountSid", twilio.AccountSid), ("Sms.AuthToken", token ?? twilio.AuthToken), ("Sms.FromNumber", from));

    public static Task<HttpResponseMessage> SendTestAsync(this ClinicClient owner, string kind, string prefix, string to) =>
        owner.SubmitAsync(Path, new Dictionary<string, string>(StringComparer.Ordinal) { [$"{prefix}.To"] = to }, $"form.test-message.test-{kind}");
}
