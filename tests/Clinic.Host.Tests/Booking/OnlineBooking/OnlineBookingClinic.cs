using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.FirstRun;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>
/// The booking clinic, with visitors arriving from a known address so the evidence kept can be checked, and its log
/// kept so that races can show no transaction waited out a deadlock.
/// </summary>
public abstract class OnlineBookingClinic(DatabaseProvider provider) : BookingClinic(provider)
{
    public static readonly IPAddress VisitorIp = IPAddress.Parse("198.51.100.23");

    /// <summary>Every visitor here comes from one address, so its limit on holds is raised out of the tests' way.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Clinic:RateLimits:OnlineHoldPerIp:PermitLimit"] = "100000",
    };

    public RecordedLog Log { get; } = new();

    protected override ClinicApp Create(TestDatabase database) => new VisitedClinicApp(database, Log, Settings);

    private sealed class VisitedClinicApp(TestDatabase database, RecordedLog log, IReadOnlyDictionary<string, string?> settings) : ClinicApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(log));
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FixedRemoteIp>());
        }
    }

    private sealed class FixedRemoteIp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Connection.RemoteIpAddress = VisitorIp;
                return then(context);
            });
            next(app);
        };
    }
}

public sealed class OnlineBookingClinicOnSqlite() : OnlineBookingClinic(DatabaseProvider.Sqlite);

public sealed class OnlineBookingClinicOnPostgres() : OnlineBookingClinic(DatabaseProvider.Postgres);
