namespace Clinic.Modules.Clients.Directory;

/// <summary>The stored fields of one client's profile, as the profile and merge pages read them.</summary>
internal class ClientRecord
{
    /// <summary>The select list that fills a <see cref="ClientRecord"/> from <c>clients_clients</c>.</summary>
    public const string Columns =
        """
        id AS Id, first_name AS FirstName, last_name AS LastName, preferred_name AS PreferredName, phone AS Phone, email AS Email,
        date_of_birth AS DateOfBirth, gender AS Gender, address AS Address, emergency_contact_name AS EmergencyContactName,
        emergency_contact_relationship AS EmergencyContactRelationship, emergency_contact_phone AS EmergencyContactPhone,
        guardian_name AS GuardianName, guardian_relationship AS GuardianRelationship, guardian_phone AS GuardianPhone,
        guardian_email AS GuardianEmail, notes AS Notes, preferred_language AS PreferredLanguage, created_at AS CreatedAt
        """;

    public Guid Id { get; init; }

    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string? PreferredName { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? Gender { get; init; }

    public string? Address { get; init; }

    public string? EmergencyContactName { get; init; }

    public string? EmergencyContactRelationship { get; init; }

    public string? EmergencyContactPhone { get; init; }

    public string? GuardianName { get; init; }

    public string? GuardianRelationship { get; init; }

    public string? GuardianPhone { get; init; }

    public string? GuardianEmail { get; init; }

    public string? Notes { get; init; }

    public string PreferredLanguage { get; init; } = "en";

    public DateTimeOffset CreatedAt { get; init; }
}
