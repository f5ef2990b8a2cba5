using Clinic.Host.Tests.Web;
using Clinic.Testing;

namespace Clinic.Host.Tests.Booking.Setup;

/// <summary>The owner's booking set-up forms, posted the way a browser without scripts would.</summary>
internal static class SetupForms
{
    /// <summary>The Monday the test clock starts on (4 March 2030, 10:00 in Karachi); the tests name dates after it.</summary>
    public static readonly DateTimeOffset Monday = ClinicApp.ClockStart;

    /// <summary>Moves the fixture's clock to <see cref="Monday"/> unless it is already there.</summary>
    public static void StartOnMonday(this BookingClinic fixture)
    {
        if (fixture.Clock.GetUtcNow() < Monday)
            fixture.SetNow(Monday);
    }

    public static async Task<ClinicClient> OwnerAsync(this BookingClinic fixture)
    {
        var owner = fixture.App.Browser();
        await owner.SignInAsync();
        return owner;
    }

    /// <summary>A clinician with no hours yet.</summary>
    public static async Task<Guid> AddClinicianAsync(this ClinicApp app)
    {
        var email = $"clinician-{Guid.NewGuid():N}@clinic.test";
        await app.AddStaffAsync(email, Clinic.BuildingBlocks.Security.Roles.Clinician, BookingClinic.Password);
        return await Audit.AuditEntries.StaffIdAsync(app, email);
    }

    public static Dictionary<string, string> Service(string name, Guid? provider, params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Category"] = "Skin",
            ["Input.Name"] = name,
            ["Input.Description"] = "A deep cleanse.",
            ["Input.DurationMinutes"] = "45",
            ["Input.Price"] = "18000.50",
            ["Input.BufferBeforeMinutes"] = "0",
            ["Input.BufferAfterMinutes"] = "15",
            ["Input.ResourceType"] = "",
            ["Input.OnlineBookable"] = "true",
            ["Input.Active"] = "true",
        };
        if (provider is { } id)
            fields["ProviderIds"] = id.ToString();
        foreach (var (field, value) in changes)
            fields[field] = value;
        return fields;
    }

    public static Task<HttpResponseMessage> SaveServiceAsync(this ClinicClient owner, Dictionary<string, string> fields, Guid? id = null) =>
        owner.SubmitAsync(id is null ? "/booking-setup/services/new" : $"/booking-setup/services/{id}", fields, "form.service");

    public static Task<HttpResponseMessage> AddHoursAsync(this ClinicClient owner, Guid provider, DayOfWeek day, string from, string to) =>
        owner.SubmitAsync(
            $"/booking-setup/schedules/{provider}",
            StaffManagement.StaffForms.Fields(("Hours.Weekday", ((int)day).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Hours.From", from), ("Hours.To", to)),
            "form.add-hours");

    public static Task<HttpResponseMessage> AddTimeOffAsync(this ClinicClient owner, Guid provider, string date, string kind, string from = "", string to = "", string note = "") =>
        owner.SubmitAsync(
            $"/booking-setup/schedules/{provider}",
            StaffManagement.StaffForms.Fields(("Change.Date", date), ("Change.Kind", kind), ("Change.From", from), ("Change.To", to), ("Change.Note", note)),
            "form.add-exception");

    public static Task<T> InClinicAsync<T>(this BookingClinic fixture, Func<Clinic.BuildingBlocks.Data.DbSession, Task<T>> work) => fixture.App.InClinicAsync(work);
}
