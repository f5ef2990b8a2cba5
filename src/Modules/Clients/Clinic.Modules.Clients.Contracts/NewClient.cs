namespace Clinic.Modules.Clients.Contracts;

/// <summary>
/// A person as a public form gives them (online booking, a consultation request). <see cref="Source"/> says which
/// form, for the audit trail, e.g. "online-booking".
/// </summary>
public sealed record NewClient(string FirstName, string LastName, MobileNumber Phone, string? Email, string Source);
