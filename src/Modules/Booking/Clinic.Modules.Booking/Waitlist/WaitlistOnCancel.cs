using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Settings;
using Microsoft.AspNetCore.Http;

namespace Clinic.Modules.Booking.Waitlist;

/// <summary>Offers the slot a cancellation frees to the waitlist, linking to the site the cancellation came through.</summary>
internal sealed class WaitlistOnCancel(WaitlistOffers offers, IHttpContextAccessor http, PublicAddress address)
{
    public async Task OfferAsync(DbSession db, StoredAppointment cancelled, BookingSettings settings, DateTimeOffset now)
    {
        if (http.HttpContext?.Request is not { } request)
            return;
        await offers.OfferAsync(db, new FreedSlot(cancelled.ServiceId, cancelled.ProviderId, cancelled.StartsAt), settings, address.Of(request), now);
    }
}
