using System.Globalization;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Testing;

namespace Clinic.Host.Tests.Enquiries;

/// <summary>A visitor sending the consultation-request form, staff handling it, and the enquiry as stored.</summary>
internal static class EnquiryForms
{
    private static int _lastIp;

    public static Dictionary<string, string> Form(string lastName, params (string Name, string Value)[] more)
    {
        var fields = StaffForms.Fields(
            ("Input.FirstName", "Ayesha"), ("Input.LastName", lastName), ("Input.Phone", "0300 1234567"), ("Input.Email", Email(lastName)));
        foreach (var (name, value) in more)
            fields[name] = value;
        return fields;
    }

    /// <summary>An email of the test's own: converting matches clients by email as well as by mobile.</summary>
    public static string Email(string lastName) => lastName.ToLowerInvariant() + "@example.com";

    public static string NewLastName() => $"Khan-{Guid.NewGuid():N}";

    /// <summary>A documentation address (RFC 5737) of its own, so each test counts only its own requests.</summary>
    public static string NewIp()
    {
        var n = Interlocked.Increment(ref _lastIp);
        return string.Create(CultureInfo.InvariantCulture, $"198.51.{n / 250}.{(n % 250) + 1}");
    }

    /// <summary>A browser on the clinic's website, coming from <paramref name="ip"/>.</summary>
    public static ClinicClient Visitor(this EnquiryClinics clinics, string host, string ip, string userAgent)
    {
        var browser = clinics.App.Browser(host);
        browser.Http.DefaultRequestHeaders.Add(EnquiryClinics.ClientIpHeader, ip);
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return browser;
    }

    public static Task<HttpResponseMessage> SendAsync(this ClinicClient visitor, IReadOnlyDictionary<string, string> fields) =>
        visitor.SubmitAsync("/consultation", fields, "form.consultation-request");

    /// <summary>Clinic A's member of staff, signed in.</summary>
    public static async Task<ClinicClient> StaffAsync(this EnquiryClinics clinics, string email)
    {
        var browser = clinics.App.Browser(EnquiryClinics.HostA);
        await browser.SignInAsync(email);
        return browser;
    }

    /// <summary>Opens the enquiry and presses its Convert or Dismiss button.</summary>
    public static Task<HttpResponseMessage> PressAsync(this ClinicClient staff, Guid enquiryId, string form) =>
        staff.SubmitAsync($"/enquiries/{enquiryId}", StaffForms.Fields(), "form." + form);

    /// <summary>Posts the enquiry page's form straight to the id, as someone who cannot open the page would.</summary>
    public static async Task<HttpResponseMessage> PostEnquiryAsync(this ClinicClient staff, Guid enquiryId, string form)
    {
        var token = await staff.AntiforgeryTokenAsync("/account/password");
        var field = form == "convert-enquiry" ? "Convert.Confirm" : "Dismiss.Confirm";
        return await staff.PostAsync($"/enquiries/{enquiryId}", StaffForms.Fields(("_handler", form), ("__RequestVerificationToken", token), (field, "yes")));
    }

    public static Task<Guid> AddServiceAsync(this EnquiryClinics clinics, Guid clinic, string name) =>
        clinics.InClinicAsync(clinic, async db =>
        {
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(
                "INSERT INTO booking_services (id, tenant_id, name, duration_minutes, price, currency, active) VALUES (@id, @tenant_id, @name, 60, 18000, 'PKR', TRUE)",
                new { id, name });
            return id;
        });

    public static Task<StoredEnquiry?> EnquiryAsync(this EnquiryClinics clinics, Guid clinic, string lastName) =>
        clinics.InClinicAsync(clinic, db => db.QuerySingleOrDefaultAsync<StoredEnquiry>(
            """
            SELECT id AS Id, phone AS Phone, email AS Email, service_id AS ServiceId, ip AS Ip, user_agent AS UserAgent,
                status AS Status, client_id AS ClientId, received_at AS ReceivedAt
            FROM booking_enquiries WHERE tenant_id = @tenant_id AND last_name = @lastName
            """,
            new { lastName }));

    public static Task<long> CountAsync(this EnquiryClinics clinics, Guid clinic, string lastName) =>
        clinics.InClinicAsync(clinic, db =>
            db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_enquiries WHERE tenant_id = @tenant_id AND last_name = @lastName", new { lastName }));

    public static Task<long> ClientCountAsync(this EnquiryClinics clinics, Guid clinic, string lastName) =>
        clinics.InClinicAsync(clinic, db =>
            db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @lastName", new { lastName }));

    internal sealed class StoredEnquiry
    {
        public Guid Id { get; init; }

        public string Phone { get; init; } = "";

        public string? Email { get; init; }

        public Guid? ServiceId { get; init; }

        public string? Ip { get; init; }

        public string? UserAgent { get; init; }

        public string Status { get; init; } = "";

        public Guid? ClientId { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }
    }
}
