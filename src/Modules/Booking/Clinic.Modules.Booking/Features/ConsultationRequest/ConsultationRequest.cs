using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Enquiries;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.ConsultationRequest;

/// <summary>
/// A visitor to the clinic's website asks for a consultation. The request lands in the staff's enquiry inbox with the
/// address and browser it came from; a bot that fills the hidden honeypot is thanked and nothing is stored.
/// </summary>
internal static class ConsultationRequest
{
    public const string SentPath = "/consultation/sent";

    /// <summary>Keeps enough of a User-Agent to tell devices apart; the header is attacker-chosen and unbounded.</summary>
    public const int UserAgentLength = 500;

    internal sealed class Request
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        /// <summary>One of the clinic's active services, or blank for "not sure yet".</summary>
        public string? ServiceId { get; set; }

        public string? PreferredTimes { get; set; }

        public string? Message { get; set; }

        /// <summary>The honeypot: hidden from people and screen readers, so only a bot fills it.</summary>
        public string? Website { get; set; }

        public bool IsBot => !string.IsNullOrEmpty(Website);
    }

    internal sealed class Service
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(Handler handler)
        {
            RuleFor(r => r.FirstName).NotEmpty().WithMessage("Enter your first name.").SingleLine("First name", 100);
            RuleFor(r => r.LastName).NotEmpty().WithMessage("Enter your last name.").SingleLine("Last name", 100);
            RuleFor(r => r.Email).SingleLine("Email", 254)
                .EmailAddress().WithMessage("Enter a valid email address, such as name@example.com.").When(r => !string.IsNullOrWhiteSpace(r.Email));
            RuleFor(r => r.Phone).NotEmpty().WithMessage("Enter your mobile number.")
                .Must(p => MobileNumber.TryParse(p, out _)).WithMessage("Mobile must be a mobile number, such as 0300 1234567 or +44 7400 123456.");
            RuleFor(r => r.ServiceId)
                .MustAsync(async (id, ct) => string.IsNullOrEmpty(id) || (Guid.TryParse(id, out var serviceId) && (await handler.ServicesAsync(ct)).Any(s => s.Id == serviceId)))
                .WithMessage("Choose a treatment from the list, or \"Not sure yet\".");
            RuleFor(r => r.PreferredTimes).SingleLine("Preferred times", 200);
            RuleFor(r => r.Message).PlainText("Message", 2000);
        }
    }

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work, TimeProvider time)
    {
        /// <summary>The treatments a visitor can pick: the clinic's active services.</summary>
        public async Task<IReadOnlyList<Service>> ServicesAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return await db.QueryAsync<Service>(
                "SELECT id AS Id, name AS Name FROM booking_services WHERE tenant_id = @tenant_id AND active = TRUE ORDER BY name");
        }

        /// <summary>Stores a request the <see cref="Validator"/> accepted, with where it came from.</summary>
        public async Task<Guid> HandleAsync(Request request, IReadOnlyList<Service> services, string? ip, string? userAgent, CancellationToken ct) =>
            (await work.RunAsync(change => StoreAsync(change, request, services, ip, userAgent), ct)).Value;

        private async Task<Outcome<Guid>> StoreAsync(Change change, Request request, IReadOnlyList<Service> services, string? ip, string? userAgent)
        {
            var id = Guid.CreateVersion7();
            var service = Guid.TryParse(request.ServiceId, out var serviceId) ? services.Single(s => s.Id == serviceId) : null;
            if (!MobileNumber.TryParse(request.Phone, out var phone))
                throw new ArgumentException("The request was not validated: its mobile number does not parse.", nameof(request));
            var now = time.GetUtcNow();
            await change.Db.ExecuteAsync(
                """
                INSERT INTO booking_enquiries (id, tenant_id, first_name, last_name, phone, email, service_id, treatment, preferred_times, message,
                    ip, user_agent, status, received_at)
                VALUES (@id, @tenant_id, @firstName, @lastName, @phone, @email, @serviceId, @treatment, @preferredTimes, @message,
                    @ip, @userAgent, @status, @now)
                """,
                new
                {
                    id,
                    firstName = request.FirstName!.Trim(),
                    lastName = request.LastName!.Trim(),
                    phone = phone.Value,
                    email = Blank(request.Email),
                    serviceId = service?.Id,
                    treatment = service?.Name,
                    preferredTimes = Blank(request.PreferredTimes),
                    message = Blank(request.Message),
                    ip,
                    userAgent = Truncate(userAgent),
                    status = EnquiryStatus.New,
                    now,
                });
            change.Publish(new ConsultationRequested(id, request.FirstName.Trim(), phone.Value, Blank(request.Email), service?.Name, now));
            return id;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static string? Truncate(string? value)
        {
            if (string.IsNullOrEmpty(value) || value.Length <= UserAgentLength)
                return string.IsNullOrEmpty(value) ? null : value;
            // Never cut a surrogate pair in half.
            return value[..(char.IsHighSurrogate(value[UserAgentLength - 1]) ? UserAgentLength - 1 : UserAgentLength)];
        }
    }
}
