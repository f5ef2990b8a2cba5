namespace Clinic.BuildingBlocks.Security;

public static class Roles
{
    public const string Owner = "Owner";
    public const string Reception = "Reception";
    public const string Clinician = "Clinician";

    /// <summary>Runs the SaaS platform; sees no clinic's data.</summary>
    public const string Operator = "Operator";

    public const string Client = "Client";

    public static readonly IReadOnlyList<string> Staff = [Owner, Reception, Clinician];
}
