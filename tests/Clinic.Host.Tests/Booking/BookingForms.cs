using System.Globalization;
using System.Text.Json;
using Clinic.BuildingBlocks.Events;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.Booking;

/// <summary>Staff booking forms as a browser without scripts fills them, and what Booking publishes.</summary>
internal static class BookingForms
{
    public static readonly TimeSpan Karachi = TimeSpan.FromHours(5);

    /// <summary>A local time in Karachi <paramref name="days"/> days after the clock's current day there.</summary>
    public static DateTimeOffset KarachiDay(this BookingClinic clinic, int days, int hour, int minute = 0)
    {
        var today = clinic.Clock.GetUtcNow().ToOffset(Karachi).Date;
        return new DateTimeOffset(today.AddDays(days).AddHours(hour).AddMinutes(minute), Karachi);
    }

    public static Dictionary<string, string> BookingFields(Guid service, Guid provider, DateTimeOffset local, string? endTime = null) => StaffForms.Fields(
        ("Input.ServiceId", service.ToString()),
        ("Input.ProviderId", provider.ToString()),
        ("Input.Date", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("Input.Time", local.ToString("HH:mm", CultureInfo.InvariantCulture)),
        ("Input.EndTime", endTime ?? ""));

    public static Task<HttpResponseMessage> BookAsync(this ClinicClient staff, Guid client, Guid service, Guid provider, DateTimeOffset local, string? endTime = null) =>
        staff.SubmitAsync($"/appointments/new?clientId={client}", BookingFields(service, provider, local, endTime), "form.book-appointment");

    /// <summary>Books and returns the new appointment's id, failing the test with the page's answer otherwise.</summary>
    public static async Task<Guid> BookedAsync(this ClinicClient staff, Guid client, Guid service, Guid provider, DateTimeOffset local)
    {
        var response = await staff.BookAsync(client, service, provider, local);
        if (!response.IsRedirect())
            throw new InvalidOperationException($"Booking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Guid.Parse(response.RedirectTarget().AbsolutePath.Split('/')[^1]);
    }

    public static Task<HttpResponseMessage> ChangeStatusAsync(this ClinicClient staff, Guid appointment, string action) =>
        staff.SubmitAsync($"/appointments/{appointment}", StaffForms.Fields(("Status.Action", action)), "form.inline-actions");

    public static Task<HttpResponseMessage> CancelAsync(this ClinicClient staff, Guid appointment, string reason) =>
        staff.SubmitAsync($"/appointments/{appointment}", StaffForms.Fields(("Cancel.Reason", reason)), "form.cancel-appointment");

    public static Task<HttpResponseMessage> RescheduleAsync(this ClinicClient staff, Guid appointment, DateTimeOffset local) =>
        staff.SubmitAsync(
            $"/appointments/{appointment}",
            StaffForms.Fields(("Move.Date", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("Move.Time", local.ToString("HH:mm", CultureInfo.InvariantCulture))),
            "form.reschedule-appointment");

    /// <summary>Booking's published events of one type about one appointment, as stored in its outbox.</summary>
    public static async Task<IReadOnlyList<JsonElement>> BookingEventsAsync<TEvent>(this ClinicApp app, Guid appointment)
        where TEvent : IntegrationEvent
    {
        var payloads = await app.InClinicAsync(db => db.QueryAsync<string>(
            "SELECT payload FROM booking_outbox WHERE tenant_id = @tenant_id AND type = @type ORDER BY occurred_at, id",
            new { type = EventNames.Of<TEvent>() }));
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(p => p.GetProperty("appointmentId").GetGuid() == appointment)];
    }

    public static Task<long> AppointmentCountAsync(this ClinicApp app, Guid client) =>
        app.InClinicAsync(db => db.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND client_id = @client", new { client }));
}
