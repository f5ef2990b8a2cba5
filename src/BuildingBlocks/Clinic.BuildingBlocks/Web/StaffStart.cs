namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// The staff start page, where sign-in lands. The domain's root belongs to the clinic's public website (ADR 0015),
/// so staff start here instead.
/// </summary>
public static class StaffStart
{
    public const string Path = "/start";
}
