using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Services;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;

namespace Clinic.Modules.Booking.Features.WaitlistJoin;

/// <summary>A visitor for whom no online slot suits joins the waitlist for the service from the booking page.</summary>
internal static class WaitlistJoin
{
    public const string AuditAction = "waitlist.joined-online";

    internal sealed class Request : WaitlistPreferences
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Mobile { get; set; }

        public string? Email { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FirstName).NotEmpty().WithMessage("Enter your first name.").SingleLine("First name", 100);
            RuleFor(r => r.LastName).NotEmpty().WithMessage("Enter your last name.").SingleLine("Last name", 100);
            RuleFor(r => r.Mobile).Must(m => MobileNumber.TryParse(m, out _)).WithMessage("Enter your mobile number, e.g. 0300 1234567 or +44 7400 123456.");
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.").SingleLine("Email", 254)
                .EmailAddress().WithMessage("Enter a valid email address, e.g. name@example.com.");
            WaitlistPreferences.Rules(this);
        }
    }

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work, IClientDirectory clients, TimeProvider time)
    {
        /// <summary>The service when it can be booked online (not one that needs a consultation first), else null.</summary>
        public async Task<Service?> ServiceAsync(Guid? id, CancellationToken ct)
        {
            if (id is null)
                return null;
            await using var db = await tenantDb.ReadAsync(ct);
            return await ServiceCatalog.FindAsync(db, id.Value) is { Active: true, OnlineBookable: true, ConsultationFirst: false } service ? service : null;
        }

        /// <summary>Adds a validated request; null on success, otherwise why not.</summary>
        public async Task<BookingError?> JoinAsync(Request request, CancellationToken ct)
        {
            if (await ServiceAsync(request.Service, ct) is not { } service)
                return BookingError.UnknownService;
            if (request.Provider is { } provider && !service.Providers.Contains(provider))
                return BookingError.ProviderDoesNotPerform;
            if (!MobileNumber.TryParse(request.Mobile, out var mobile))
                return new BookingError(400, nameof(Request.Mobile), "Enter your mobile number.");
            var person = new NewClient(request.FirstName!.Trim(), request.LastName!.Trim(), mobile, request.Email!.Trim(), "online-waitlist");
            await work.RunAsync<Guid>(
                async change =>
                {
                    // In this transaction: a client is added only with their place on the waitlist.
                    var client = await clients.FindOrAddAsync(change.Db, person);
                    var id = await request.AddAsync(change.Db, client.Id, "online", time.GetUtcNow());
                    change.Audit(new AuditEntry(AuditAction) { ClientId = client.Id, RecordId = id });
                    return id;
                },
                ct);
            return null;
        }
    }
}
