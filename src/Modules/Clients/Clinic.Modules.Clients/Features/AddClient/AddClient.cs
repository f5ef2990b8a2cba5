using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;

namespace Clinic.Modules.Clients.Features.AddClient;

/// <summary>Reception adds a client: the profile, with a guardian when the client is under 18 in the clinic's time zone.</summary>
internal static class AddClient
{
    public const string Permission = "clients.write";
    public const string AuditAction = "clients.added";
    public const int AdultAge = 18;
    public static readonly string[] Genders = ["Female", "Male", "Other"];

    /// <summary>The languages Messaging writes in; the client's choice picks the template.</summary>
    public static readonly (string Code, string Name)[] Languages = [("en", "English"), ("ur", "اردو Urdu")];

    /// <summary>The profile's fields; EditClient's command adds which client they are for.</summary>
    internal class Request
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? PreferredName { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        /// <summary>As the date input sends it, yyyy-MM-dd; read here so that a bad date gets a message, not a binding error.</summary>
        public string? DateOfBirth { get; set; }

        public string? Gender { get; set; }

        public string? Address { get; set; }

        public string? EmergencyContactName { get; set; }

        public string? EmergencyContactRelationship { get; set; }

        public string? EmergencyContactPhone { get; set; }

        public string? GuardianName { get; set; }

        public string? GuardianRelationship { get; set; }

        public string? GuardianPhone { get; set; }

        public string? GuardianEmail { get; set; }

        /// <summary>Comma-separated, e.g. "VIP, prefers mornings".</summary>
        public string? Tags { get; set; }

        public string? Notes { get; set; }

        /// <summary>"en" or "ur"; blank (a CSV import) means English.</summary>
        public string? PreferredLanguage { get; set; }

        public DateOnly? BirthDate =>
            DateOnly.TryParseExact(DateOfBirth?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

        public IReadOnlyList<string> TagList =>
            (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>The stored columns of a validated request, as SQL parameters: text trimmed, blanks null, phones in E.164.</summary>
        public object Columns(Guid id, DateTimeOffset now) => new
        {
            id,
            firstName = FirstName!.Trim(),
            lastName = LastName!.Trim(),
            preferredName = Blank(PreferredName),
            phone = Mobile(Phone),
            email = Blank(Email),
            born = BirthDate,
            gender = Blank(Gender),
            address = Blank(Address),
            emergencyName = Blank(EmergencyContactName),
            emergencyRelationship = Blank(EmergencyContactRelationship),
            emergencyPhone = Mobile(EmergencyContactPhone),
            guardianName = Blank(GuardianName),
            guardianRelationship = Blank(GuardianRelationship),
            guardianPhone = Mobile(GuardianPhone),
            guardianEmail = Blank(GuardianEmail),
            notes = Blank(Notes),
            language = Blank(PreferredLanguage) ?? "en",
            now,
        };

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static string? Mobile(string? value) => MobileNumber.TryParse(value, out var number) ? number.Value : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        /// <param name="today">Today in the clinic's time zone, which decides who is under 18.</param>
        public Validator(ClinicTime today)
        {
            RuleFor(r => r.FirstName).NotEmpty().WithMessage("Enter the client's first name.").SingleLine("First name", 100);
            RuleFor(r => r.LastName).NotEmpty().WithMessage("Enter the client's last name.").SingleLine("Last name", 100);
            RuleFor(r => r.PreferredName).SingleLine("Preferred name", 100);
            RuleFor(r => r.Phone).NotEmpty().WithMessage("Enter the client's mobile number.")
                .Must(BeMobile).WithMessage("Mobile must be a mobile number, such as 0300 1234567 or +44 7400 123456.");
            RuleFor(r => r.Email).SingleLine("Email", 254)
                .EmailAddress().WithMessage("Enter a valid email address.").When(r => !string.IsNullOrWhiteSpace(r.Email));
            RuleFor(r => r.DateOfBirth)
                .MustAsync(async (r, _, ct) => r.BirthDate is { } born && born <= await today.TodayAsync(ct) && born.Year >= 1900)
                .WithMessage("Date of birth must be a real date, not in the future.")
                .When(r => !string.IsNullOrWhiteSpace(r.DateOfBirth));
            RuleFor(r => r.Gender).Must(g => string.IsNullOrEmpty(g) || Genders.Contains(g, StringComparer.Ordinal))
                .WithMessage("Choose Female, Male or Other, or leave gender blank.");
            RuleFor(r => r.Address).PlainText("Address", 500);
            RuleFor(r => r.EmergencyContactName).SingleLine("Emergency contact name", 120);
            RuleFor(r => r.EmergencyContactRelationship).SingleLine("Emergency contact relationship", 60);
            RuleFor(r => r.EmergencyContactPhone).Must(BeMobileOrBlank)
                .WithMessage("Emergency contact phone must be a mobile number, such as 0300 1234567.");
            RuleFor(r => r.GuardianName).SingleLine("Guardian name", 120);
            RuleFor(r => r.GuardianRelationship).SingleLine("Guardian relationship", 60);
            RuleFor(r => r.GuardianPhone).Must(BeMobileOrBlank).WithMessage("Guardian phone must be a mobile number, such as 0300 1234567.");
            RuleFor(r => r.GuardianEmail).SingleLine("Guardian email", 254)
                .EmailAddress().WithMessage("Enter a valid email address for the guardian.").When(r => !string.IsNullOrWhiteSpace(r.GuardianEmail));
            WhenAsync(async (r, ct) => r.BirthDate is { } born && born > (await today.TodayAsync(ct)).AddYears(-AdultAge), () =>
            {
                RuleFor(r => r.GuardianName).NotEmpty().WithMessage("The client is under 18: enter their guardian's name.");
                RuleFor(r => r.GuardianRelationship).NotEmpty().WithMessage("The client is under 18: enter the guardian's relationship to them.");
                RuleFor(r => r.GuardianPhone).NotEmpty().WithMessage("The client is under 18: enter the guardian's mobile number.");
            });
            RuleFor(r => r.Tags).SingleLine("Tags", 500)
                .Must((r, _) => r.TagList.Count <= 20 && r.TagList.All(t => t.Length <= 40))
                .WithMessage("Tags: at most 20, each at most 40 characters.");
            RuleFor(r => r.Notes).PlainText("Notes", 4000);
            RuleFor(r => r.PreferredLanguage).Must(l => string.IsNullOrEmpty(l) || Languages.Any(x => x.Code == l))
                .WithMessage("Language for messages: choose English or Urdu.");
        }

        private static bool BeMobile(string? value) => MobileNumber.TryParse(value, out _);

        private static bool BeMobileOrBlank(string? value) => string.IsNullOrWhiteSpace(value) || BeMobile(value);
    }

    internal sealed class Handler(TimeProvider time) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            var id = Guid.CreateVersion7();
            await InsertAsync(change.Db, id, command, time.GetUtcNow());
            change.Audit(new AuditEntry(AuditAction) { ClientId = id });
            return Outcome.Created(id);
        }
    }

    /// <summary>Stores a validated request in the caller's transaction; the CSV import adds many clients in one.</summary>
    public static async Task InsertAsync(DbSession db, Guid id, Request request, DateTimeOffset now)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO clients_clients (id, tenant_id, first_name, last_name, preferred_name, phone, email, date_of_birth, gender, address,
                emergency_contact_name, emergency_contact_relationship, emergency_contact_phone,
                guardian_name, guardian_relationship, guardian_phone, guardian_email, notes, preferred_language, created_at)
            VALUES (@id, @tenant_id, @firstName, @lastName, @preferredName, @phone, @email, @born, @gender, @address,
                @emergencyName, @emergencyRelationship, @emergencyPhone,
                @guardianName, @guardianRelationship, @guardianPhone, @guardianEmail, @notes, @language, @now)
            """,
            request.Columns(id, now));
        foreach (var tag in request.TagList)
            await db.ExecuteAsync("INSERT INTO clients_client_tags (tenant_id, client_id, tag) VALUES (@tenant_id, @id, @tag)", new { id, tag });
    }
}
