using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Booking.OnlineBooking;

/// <summary>The booking clinic, with visitors arriving from a known address so the evidence kept can be checked.</summary>
public abstract class OnlineBookingClinic(DatabaseProvider provider) : BookingClinic(provider)
{
    public static readonly IPAddress VisitorIp = IPAddress.Parse("198.51.100.23");

    protected override ClinicApp Create(TestDatabase database) => new VisitedClinicApp(database, Settings);

    private sealed class VisitedClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?> settings) : ClinicApp(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
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
