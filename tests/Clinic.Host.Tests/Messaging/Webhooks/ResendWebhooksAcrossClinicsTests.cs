using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Webhooks;

/// <summary>
/// In the SaaS edition each clinic has its own Resend account and webhook, pointed at its own address: an event arriving
/// there verifies with that clinic's signing secret only, and can only move that clinic's messages.
/// </summary>
public abstract class ResendWebhooksAcrossClinicsTests(TwoClinics clinics)
{
    [Fact]
    public async Task Each_clinics_delivery_events_verify_with_its_own_signing_secret_only()
    {
        await clinics.SetUpAsync();
        var (secretA, secretB) = (ResendEvents.NewSecret(), ResendEvents.NewSecret());
        await SaveResendAsync(TwoClinics.HostA, TwoClinics.OwnerA, secretA);
        await SaveResendAsync(TwoClinics.HostB, TwoClinics.OwnerB, secretB);
        var (emailA, emailB) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var messageA = await InClinicAsync(clinics.A.Id, db => ResendEvents.SentEmailAsync(db, emailA, Now()));
        var messageB = await InClinicAsync(clinics.B.Id, db => ResendEvents.SentEmailAsync(db, emailB, Now()));
        using var atA = Client(TwoClinics.HostA);
        using var atB = Client(TwoClinics.HostB);

        var aSignedByB = await ResendEvents.PostAsync(atA, secretB, Now(), ResendEvents.Event("email.bounced", emailA));
        var bSignedByA = await ResendEvents.PostAsync(atB, secretA, Now(), ResendEvents.Event("email.bounced", emailB));
        var aSignedByA = await ResendEvents.PostAsync(atA, secretA, Now(), ResendEvents.Event("email.delivered", emailA));
        var bSignedByB = await ResendEvents.PostAsync(atB, secretB, Now(), ResendEvents.Event("email.delivered", emailB));
        // A's own valid signature, naming B's email, at A's address: A has no such email, so B's stays as it is.
        var bsEmailAtA = await ResendEvents.PostAsync(atA, secretA, Now(), ResendEvents.Event("email.bounced", emailB));

        Assert.Equal(HttpStatusCode.Forbidden, aSignedByB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bSignedByA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aSignedByA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bSignedByB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bsEmailAtA.StatusCode);
        Assert.Equal("Delivered", await InClinicAsync(clinics.A.Id, db => ResendEvents.StatusAsync(db, messageA)));
        Assert.Equal("Delivered", await InClinicAsync(clinics.B.Id, db => ResendEvents.StatusAsync(db, messageB)));
    }

    private async Task SaveResendAsync(string host, string owner, string signingSecret)
    {
        using var browser = clinics.App.Browser(host);
        await browser.SignInAsync(owner);
        var saved = await browser.SaveAsync(
            "email", ("Email.Provider", "resend"), ("Email.ApiKey", "re_" + Guid.NewGuid().ToString("N")), ("Email.SigningSecret", signingSecret), ("Email.FromAddress", "hello@" + host));
        Assert.True(saved.IsRedirect(), $"saving Resend at {host} answered {(int)saved.StatusCode}");
    }

    private HttpClient Client(string host) => clinics.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}") });

    private DateTimeOffset Now() => clinics.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private Task<T> InClinicAsync<T>(Guid clinic, Func<DbSession, Task<T>> work) =>
        clinics.App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });
}

public sealed class ResendWebhooksAcrossClinicsTests_on_Sqlite(TwoClinicsOnSqlite clinics) : ResendWebhooksAcrossClinicsTests(clinics), IClassFixture<TwoClinicsOnSqlite>;

public sealed class ResendWebhooksAcrossClinicsTests_on_Postgres(TwoClinicsOnPostgres clinics) : ResendWebhooksAcrossClinicsTests(clinics), IClassFixture<TwoClinicsOnPostgres>;
