using System.Net;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Webhooks;

/// <summary>
/// The single-clinic edition still honours the installation-wide <c>Clinic:Messaging:ResendWebhookSecret</c> of earlier
/// versions, until the owner saves the webhook's signing secret with the clinic's Resend settings: from then on only the
/// clinic's own verifies (the SaaS edition refuses to start with the old setting; see StartupErrorTests).
/// </summary>
public abstract class LegacyResendSecretTests(WebhookClinic clinic)
{
    [Fact]
    public async Task Once_the_owner_saves_a_signing_secret_it_alone_verifies_and_the_old_setting_no_longer_does()
    {
        var emailId = Guid.NewGuid().ToString();
        var message = await clinic.App.InClinicAsync(db => ResendEvents.SentEmailAsync(db, emailId, Now()));
        using var http = clinic.App.CreateClient();
        var before = await ResendEvents.PostAsync(http, WebhookClinic.ResendSecret, Now(), ResendEvents.Event("email.sent", emailId));
        var own = ResendEvents.NewSecret();
        using (var owner = clinic.App.Browser())
        {
            await owner.SignInAsync();
            var saved = await owner.SaveAsync(
                "email", ("Email.Provider", "resend"), ("Email.ApiKey", "re_clinic_key"), ("Email.SigningSecret", own), ("Email.FromAddress", "hello@glow.example"));
            Assert.True(saved.IsRedirect(), $"saving answered {(int)saved.StatusCode}");
        }

        var old = await ResendEvents.PostAsync(http, WebhookClinic.ResendSecret, Now(), ResendEvents.Event("email.bounced", emailId));
        var clinics = await ResendEvents.PostAsync(http, own, Now(), ResendEvents.Event("email.delivered", emailId));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clinics.StatusCode);
        Assert.Equal("Delivered", await clinic.App.InClinicAsync(db => ResendEvents.StatusAsync(db, message)));
    }

    private DateTimeOffset Now() => clinic.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
}

public sealed class LegacyResendSecretTests_on_Sqlite(WebhookClinicOnSqlite clinic) : LegacyResendSecretTests(clinic), IClassFixture<WebhookClinicOnSqlite>;

public sealed class LegacyResendSecretTests_on_Postgres(WebhookClinicOnPostgres clinic) : LegacyResendSecretTests(clinic), IClassFixture<WebhookClinicOnPostgres>;
