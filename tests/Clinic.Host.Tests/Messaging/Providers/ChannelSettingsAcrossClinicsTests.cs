using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>
/// In the SaaS edition each clinic has its own channels (its own Twilio subaccount); none sees another's, and Twilio
/// reports each clinic's deliveries to that clinic's own host, which is how the webhook knows whose token signs them.
/// </summary>
public abstract class ChannelSettingsAcrossClinicsTests(TwoClinics clinics)
{
    [Fact]
    public async Task One_clinics_twilio_subaccount_is_neither_shown_to_nor_overwritten_by_another_clinic()
    {
        await clinics.SetUpAsync();
        using var ownerA = clinics.App.Browser(TwoClinics.HostA);
        await ownerA.SignInAsync(TwoClinics.OwnerA);
        using var ownerB = clinics.App.Browser(TwoClinics.HostB);
        await ownerB.SignInAsync(TwoClinics.OwnerB);
        var subaccountA = new FakeTwilio(() => clinics.Clock.GetUtcNow());
        var subaccountB = new FakeTwilio(() => clinics.Clock.GetUtcNow());

        var savedA = await ownerA.SaveAsync("sms", ("Sms.Provider", "twilio"), ("Sms.AccountSid", subaccountA.AccountSid), ("Sms.AuthToken", subaccountA.AuthToken), ("Sms.FromNumber", "+14155550101"));
        var (_, pageB) = await ownerB.GetPageAsync(ChannelForms.Path);
        var savedB = await ownerB.SaveAsync("sms", ("Sms.Provider", "twilio"), ("Sms.AccountSid", subaccountB.AccountSid), ("Sms.AuthToken", subaccountB.AuthToken), ("Sms.FromNumber", "+14155550102"));
        var (_, pageA) = await ownerA.GetPageAsync(ChannelForms.Path);
        var (_, pageBAfter) = await ownerB.GetPageAsync(ChannelForms.Path);

        Assert.True(savedA.IsRedirect() && savedB.IsRedirect());
        Assert.StartsWith("Not set up", pageB.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(subaccountA.AccountSid, pageB.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(subaccountA.AccountSid, pageA.QuerySelector("#sms-account-sid")!.GetAttribute("value"));
        Assert.Contains("+14155550101", pageA.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(subaccountB.AccountSid, pageBAfter.QuerySelector("#sms-account-sid")!.GetAttribute("value"));
        Assert.Contains("+14155550102", pageBAfter.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"://{TwoClinics.HostA}/webhooks/twilio/status.", pageA.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"://{TwoClinics.HostB}/webhooks/twilio/status.", pageBAfter.QuerySelector("#sms-status")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class ChannelSettingsAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite clinics) : ChannelSettingsAcrossClinicsTests(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class ChannelSettingsAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres clinics) : ChannelSettingsAcrossClinicsTests(clinics), IClassFixture<TwoClinicsOnPostgres>;
