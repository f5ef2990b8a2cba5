using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Demo;
using Clinic.Modules.Booking.Enquiries;
using Clinic.Modules.Booking.Features.Schedule;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Booking;

/// <summary>Services, schedules, availability and appointments.</summary>
public sealed class BookingModule : IClinicModule
{
    public string Name => "Booking";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(DaySchedule.Permission, "See the schedule", Roles.Owner, Roles.Reception, Roles.Clinician);
        services.AddMenuItem("Schedule", "/schedule", DaySchedule.Permission, order: 10);
        services.AddScoped<DaySchedule.Handler>();
        services.AddScoped<IClientAppointments, ClientAppointments>();
        services.AddScoped<IStartupTask, DemoSchedule>();

        // Consultation requests and the enquiry inbox (Enquiries/, Features/ConsultationRequest/, Features/Enquiries/).
        services.AddEnquiries(configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
