using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Host.Tests.Clients;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace Clinic.Host.Tests.Configuration;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, requests, queries and jobs reach the collector as spans; the tokens of
/// secret links and a client's details do not.
/// </summary>
public abstract class TelemetryTests(TelemetryClinic clinic)
{
    private ClinicApp App => clinic.App;

    [Fact]
    public async Task A_request_reaches_the_collector_as_a_span_named_by_its_route()
    {
        using var browser = App.Browser();

        await browser.GetPageAsync("/sign-in");

        await ExportedAsync("GET /sign-in");
    }

    [Theory]
    [InlineData("/sign-in/link/{0}")]
    [InlineData("/portal/link/{0}")]
    [InlineData("/invite/{0}")]
    [InlineData("/setup/{0}")]
    [InlineData("/booking/manage/{0}")]
    [InlineData("/book/hold/{0}")]
    [InlineData("/waitlist/offer/{0}")]
    [InlineData("/unsubscribe/{0}")]
    [InlineData("/calendar/{0}.ics")]
    [InlineData("/no-such-page/{0}")]
    public async Task The_token_of_a_secret_link_never_reaches_the_collector(string link)
    {
        var token = SecretToken.Create();
        var agent = $"telemetry-test-{Guid.NewGuid():N}";
        using var browser = App.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, link, token));
        request.Headers.UserAgent.ParseAdd(agent);

        await browser.Http.SendAsync(request);

        await ExportedAsync(agent); // the span of this very request, found by its user agent
        Assert.DoesNotContain(token, clinic.Collector.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_client_sends_neither_their_name_nor_their_mobile()
    {
        var last = $"Khan{Guid.NewGuid():N}";
        var mobile = $"0300{Random.Shared.Next(0, 9_999_999):D7}";
        using var reception = await clinic.StaffAsync(Roles.Reception);

        var added = await reception.AddClientAsync(StaffForms.Fields(
            ("Input.FirstName", "Ayesha"), ("Input.LastName", last), ("Input.Phone", mobile), ("Input.DateOfBirth", "1990-05-17")));

        Assert.True(added.IsRedirect(), $"answered {(int)added.StatusCode}");
        await ExportedAsync("POST /clients/new");
        if (App.Provider == DatabaseProvider.Postgres)
            Assert.Contains("clients_clients", clinic.Collector.Traces, StringComparison.Ordinal);
        Assert.DoesNotContain(last, clinic.Collector.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain(mobile[1..], clinic.Collector.Everything, StringComparison.Ordinal);
    }

    /// <summary>
    /// Waits until an exported span contains <paramref name="marker"/>: the server ends a request's span just after
    /// the client has its answer, so a flush straight after the answer can miss it.
    /// </summary>
    private async Task ExportedAsync(string marker)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            Flush();
            if (clinic.Collector.Traces.Contains(marker, StringComparison.Ordinal))
                return;
            await Task.Delay(100);
        }

        Assert.Fail($"No exported span mentions {marker}.");
    }

    private void Flush()
    {
        Assert.True(App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
    }
}

/// <summary>A clinic exporting its telemetry over OTLP/HTTP to a local collector, which starts before the app.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the collector.")]
public abstract class TelemetryClinic(DatabaseProvider provider) : AppFixture(provider), IAsyncLifetime
{
    private const string Password = "a long and private passphrase";

    public FakeCollector Collector { get; } = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Collector.StartAsync();
        await InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
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
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.BaseUrl.AbsoluteUri.TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    });
}

public sealed class TelemetryOnSqlite() : TelemetryClinic(DatabaseProvider.Sqlite);

public sealed class TelemetryOnPostgres() : TelemetryClinic(DatabaseProvider.Postgres);

public sealed class TelemetryTests_on_Sqlite(TelemetryOnSqlite clinic) : TelemetryTests(clinic), IClassFixture<TelemetryOnSqlite>;

public sealed class TelemetryTests_on_Postgres(TelemetryOnPostgres clinic) : TelemetryTests(clinic), IClassFixture<TelemetryOnPostgres>;
