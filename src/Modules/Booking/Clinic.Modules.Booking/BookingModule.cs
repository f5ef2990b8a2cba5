using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Jobs;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Calendar;
using Clinic.Modules.Booking.ClientMerges;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Demo;
using Clinic.Modules.Booking.Enquiries;
using Clinic.Modules.Booking.Features.AppointmentDetails;
using Clinic.Modules.Booking.Features.BookAppointment;
using Clinic.Modules.Booking.Features.BookingSettingsForm;
using Clinic.Modules.Booking.Features.CalendarFeed;
using Clinic.Modules.Booking.Features.ManageBooking;
using Clinic.Modules.Booking.Features.ManageResources;
using Clinic.Modules.Booking.Features.ManageSchedules;
using Clinic.Modules.Booking.Features.ManageServices;
using Clinic.Modules.Booking.Features.OnlineBooking;
using Clinic.Modules.Booking.Features.PortalAppointments;
using Clinic.Modules.Booking.Features.RemoveWaitlistEntry;
using Clinic.Modules.Booking.Features.Schedule;
using Clinic.Modules.Booking.Features.ServicesAndPrices;
using Clinic.Modules.Booking.Features.WaitlistEntries;
using Clinic.Modules.Booking.Features.WaitlistJoin;
using Clinic.Modules.Booking.Features.WaitlistOffer;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Modules.Clients.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Booking;

/// <summary>Services, schedules, availability and appointments.</summary>
public sealed class BookingModule : IClinicModule
{
    public string Name => "Booking";

    public IReadOnlyList<string> DependsOn => ["Accounts", "Clients"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCommandsFrom(typeof(BookingModule).Assembly);
        services.AddPermission(DaySchedule.Permission, "See the schedule", Roles.Owner, Roles.Reception, Roles.Clinician);
        services.AddMenuItem("Schedule", "/schedule", DaySchedule.Permission, order: 10);
        services.AddScoped<DaySchedule.Handler>();
        services.AddCookieDeclaration(CalendarView.CookieName, "Opens the schedule in the view you used last: the day, or a provider's week", CookieCategory.Preferences, "1 year");
        services.AddScoped<CalendarReader>();
        services.AddScoped<IClientAppointments, ClientAppointments>();
        services.AddPortalSection<UpcomingAppointments>(order: 10);
        services.AddScoped<IAppointmentReplies, AppointmentReplies>();
        services.AddScoped<IClientVisits, ClientVisits>();
        services.AddScoped<IStartupTask, DemoSchedule>();
        services.AddScoped<BookingSettings.Store>();

        services.AddPermission(BookAppointment.Permission, "Book, move, cancel and check in appointments", Roles.Owner, Roles.Reception);
        services.AddSingleton(ReminderPlan.From(configuration));
        services.AddScoped<AppointmentRows>();
        services.AddScoped<BookAppointment.Form>();
        services.AddScoped<AppointmentDetails.Handler>();
        services.AddRecurringJob<PublishDueReminders>(PublishDueReminders.Name, TimeSpan.FromMinutes(1));
        services.AddIntegrationEventHandler<ClientsMerged, MoveAppointmentsWhenClientsMerged>();

        // Consultation requests and the enquiry inbox (Enquiries/, Features/ConsultationRequest/, Features/Enquiries/).
        services.AddEnquiries(configuration);

        // Booking set-up: services, providers' schedules and closures, rooms and equipment, settings (owner only).
        services.AddPermission(ManageServices.Permission, "Set up services, schedules, rooms and booking settings", Roles.Owner);
        services.AddMenuItem("Booking set-up", "/booking-setup", ManageServices.Permission, order: 70);
        services.AddScoped<ManageServices.Form>();
        services.AddScoped<ManageSchedules.Handler>();
        services.AddScoped<ManageResources.Form>();
        services.AddScoped<ChangeBookingSettings.Handler>();

        // The services-and-prices page, online booking, the client's manage link and the waitlist (public pages; their secrets are in the links).
        services.AddScoped<OnlineBooking.Handler>();
        var holdLimits = HoldLimits.From(configuration);
        services.AddSingleton(_ => holdLimits);
        services.AddCookieDeclaration(Visitor.CookieName, "Keeps the times you hold while booking online yours, and limits how many one browser can hold", CookieCategory.StrictlyNecessary, "1 day");
        services.AddScoped<ManageBooking.Handler>();
        var offerTime = WaitlistOffers.OfferTimeFrom(configuration);
        services.AddSingleton(provider => new WaitlistOffers(offerTime, provider.GetRequiredService<SecretSeal>()));
        services.AddScoped<WaitlistOnCancel>();
        services.AddScoped<WaitlistOffer.Handler>();
        services.AddScoped<WaitlistEntries.Handler>();
        services.AddScoped<RemoveWaitlistEntry.Handler>();
        services.AddMenuItem("Waitlist", "/waitlist", WaitlistEntries.Permission, order: 16);
        services.AddScoped<WaitlistJoin.Handler>();
        services.AddScoped<ServicesAndPrices.Handler>();
        services.AddRecurringJob<PassOnExpiredOffers>(PassOnExpiredOffers.Name, TimeSpan.FromMinutes(1));

        // Providers' iCal subscription feeds (Features/CalendarFeed/): the staff page and the anonymous feed.
        services.AddMenuItem("Calendar feed", CalendarFeedSubscription.PagePath, DaySchedule.Permission, order: 75);
        services.AddScoped<CalendarFeedSubscription.Handler>();
        services.AddScoped<CalendarFeed.Handler>();
        services.AddSingleton(CalendarFeedPerToken.Limits.From(configuration));
        services.AddRateLimiter(o => o.AddPolicy<string, CalendarFeedPerToken>(CalendarFeedPerToken.Policy));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CalendarFeed.Map(endpoints);
    }
}
