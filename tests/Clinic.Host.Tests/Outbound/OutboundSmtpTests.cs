using System.Globalization;
using System.Net;
using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Messaging.Providers;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Features.ChannelSettings;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Outbound;

/// <summary>
/// In the SaaS edition a clinic's mail server must be on the open internet: an owner who types the platform's own
/// address (loopback, a private network, the cloud's metadata service) gets a 400 on the host field, and a saved name
/// that points there later is refused when Clinic connects, so the "send a test" button cannot scan the platform.
/// </summary>
public abstract class OutboundSmtpTests(GuardedClinics clinics)
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.5")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    public async Task An_smtp_host_on_the_platforms_own_network_answers_400_on_the_host_field_and_stores_nothing(string host)
    {
        using var owner = await clinics.OwnerAAsync();
        var before = await clinics.SavedEmailChannelAsync();

        var response = await owner.SaveSmtpAsync(host, clinics.Smtp.Port);
        var page = await response.PageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ChangeChannel.Validator.HostNotReachable, page.FieldError("email-host"));
        Assert.Equal(before, await clinics.SavedEmailChannelAsync());
    }

    [Fact]
    public async Task A_saved_name_that_now_points_at_the_platform_is_refused_when_connecting_and_nothing_reaches_it()
    {
        // Saved when the name still pointed elsewhere (or before this check existed); now it resolves to loopback.
        await clinics.StoreEmailChannelAsync("localhost", clinics.Smtp.Port);
        using var owner = await clinics.OwnerAAsync();

        var tested = await owner.SendTestAsync("email", "TestEmail", "sana@example.test");
        var result = (await tested.PageAsync()).QuerySelector("#test-email-result")!.TextContent;

        Assert.Contains(SmtpChannel.NotReachable, result, StringComparison.Ordinal);
        Assert.Empty(clinics.Smtp.Received());
    }
}

/// <summary>With the operator's allowance for the loopback network, clinics reach a relay there, and only there.</summary>
public abstract class AllowedRelayTests(RelayAllowedClinics clinics)
{
    [Fact]
    public async Task A_clinic_saves_a_relay_on_the_allowed_network_and_its_test_email_arrives()
    {
        using var owner = await clinics.OwnerAAsync();

        var saved = await owner.SaveSmtpAsync(SmtpSink.Host, clinics.Smtp.Port);
        var tested = await owner.SendTestAsync("email", "TestEmail", "hira@example.test");
        var result = (await tested.PageAsync()).QuerySelector("#test-email-result")!.TextContent;

        Assert.True(saved.IsRedirect(), $"saving answered {(int)saved.StatusCode}");
        Assert.Contains("Sent through smtp", result, StringComparison.Ordinal);
        await clinics.Smtp.WaitForAsync(m => m.To == "hira@example.test");
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.169.254")]
    public async Task The_allowance_opens_only_the_network_it_names(string host)
    {
        using var owner = await clinics.OwnerAAsync();

        var response = await owner.SaveSmtpAsync(host, 25);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ChangeChannel.Validator.HostNotReachable, (await response.PageAsync()).FieldError("email-host"));
    }
}

/// <summary>The SaaS edition with two clinics and a real SMTP server (aiosmtpd) on 127.0.0.1.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the sink.")]
public abstract class SmtpClinics(DatabaseProvider provider) : TwoClinics(provider), IAsyncLifetime
{
    private Task? _prepared;

    public SmtpSink Smtp { get; private set; } = null!;

    /// <summary>Extra settings on top of the SaaS edition.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Outbound { get; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public async Task<ClinicClient> OwnerAAsync()
    {
        await (_prepared ??= SetUpAsync());
        var owner = App.Browser(HostA);
        await owner.SignInAsync(OwnerA);
        return owner;
    }

    /// <summary>Clinic A's stored email channel as text, or null.</summary>
    public Task<string?> SavedEmailChannelAsync() =>
        InClinicAAsync(db => db.QuerySingleOrDefaultAsync<string>(
            "SELECT provider || ' ' || settings FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = 'email'"));

    /// <summary>Stores an SMTP channel for clinic A directly, as an earlier save would have left it.</summary>
    public Task StoreEmailChannelAsync(string host, int port) =>
        InClinicAAsync(db => db.ExecuteAsync(
            """
            INSERT INTO messaging_channel_settings (tenant_id, kind, provider, settings, protected_secret, updated_at)
            VALUES (@tenant_id, 'email', 'smtp', @settings, NULL, @now)
            """,
            new
            {
                settings = JsonSerializer.Serialize(new { host, port, startTls = false, fromAddress = "hello@a.clinic.test" }),
                now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
            }));

    protected override ClinicApp Create(TestDatabase database)
    {
        var settings = new Dictionary<string, string?>(Outbound, StringComparer.Ordinal) { ["Clinic:Edition"] = "MultiTenant" };
        return new ClinicApp(database, settings);
    }

    private async Task<T> InClinicAAsync<T>(Func<DbSession, Task<T>> work)
    {
        await (_prepared ??= SetUpAsync());
        return await App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(A.Id);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });
    }
}

/// <summary>The SaaS edition as it ships: no network opened.</summary>
public abstract class GuardedClinics(DatabaseProvider provider) : SmtpClinics(provider)
{
    protected override IReadOnlyDictionary<string, string?> Outbound => new Dictionary<string, string?>(StringComparer.Ordinal);
}

/// <summary>The operator opens the loopback network, where the tests' SMTP server listens.</summary>
public abstract class RelayAllowedClinics(DatabaseProvider provider) : SmtpClinics(provider)
{
    protected override IReadOnlyDictionary<string, string?> Outbound => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
    };
}

internal static class SmtpForms
{
    public static Task<HttpResponseMessage> SaveSmtpAsync(this ClinicClient owner, string host, int port) =>
        owner.SaveAsync(
            "email",
            ("Email.Provider", "smtp"),
            ("Email.Host", host),
            ("Email.Port", port.ToString(CultureInfo.InvariantCulture)),
            ("Email.User", ""),
            ("Email.FromAddress", "hello@a.clinic.test"));
}

public sealed class GuardedClinicsOnSqlite() : GuardedClinics(DatabaseProvider.Sqlite);

public sealed class GuardedClinicsOnPostgres() : GuardedClinics(DatabaseProvider.Postgres);

public sealed class RelayAllowedClinicsOnSqlite() : RelayAllowedClinics(DatabaseProvider.Sqlite);

public sealed class RelayAllowedClinicsOnPostgres() : RelayAllowedClinics(DatabaseProvider.Postgres);

public sealed class OutboundSmtpTests_on_Sqlite(GuardedClinicsOnSqlite clinics) : OutboundSmtpTests(clinics), IClassFixture<GuardedClinicsOnSqlite>;

public sealed class OutboundSmtpTests_on_Postgres(GuardedClinicsOnPostgres clinics) : OutboundSmtpTests(clinics), IClassFixture<GuardedClinicsOnPostgres>;

public sealed class AllowedRelayTests_on_Sqlite(RelayAllowedClinicsOnSqlite clinics) : AllowedRelayTests(clinics), IClassFixture<RelayAllowedClinicsOnSqlite>;

public sealed class AllowedRelayTests_on_Postgres(RelayAllowedClinicsOnPostgres clinics) : AllowedRelayTests(clinics), IClassFixture<RelayAllowedClinicsOnPostgres>;
