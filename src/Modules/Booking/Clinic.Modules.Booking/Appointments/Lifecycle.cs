namespace Clinic.Modules.Booking.Appointments;

/// <summary>Where an appointment is in its life. Held is a slot kept for a client still filling in the online form.</summary>
internal enum AppointmentStatus
{
    Held,
    Requested,
    Confirmed,
    CheckedIn,
    InProgress,
    Completed,
    Cancelled,
    NoShow,
}

/// <summary>What staff (or a client, for cancelling) can do to an appointment.</summary>
internal enum AppointmentAction
{
    Confirm,
    CheckIn,
    Start,
    Complete,
    Cancel,
    MarkNoShow,
    Reschedule,
}

/// <summary>The one table that allows or refuses every change of an appointment's status.</summary>
internal static class Lifecycle
{
    private static readonly Dictionary<(AppointmentStatus From, AppointmentAction Action), AppointmentStatus> Moves = new()
    {
        [(AppointmentStatus.Requested, AppointmentAction.Confirm)] = AppointmentStatus.Confirmed,
        [(AppointmentStatus.Requested, AppointmentAction.Cancel)] = AppointmentStatus.Cancelled,
        [(AppointmentStatus.Requested, AppointmentAction.Reschedule)] = AppointmentStatus.Requested,
        [(AppointmentStatus.Confirmed, AppointmentAction.CheckIn)] = AppointmentStatus.CheckedIn,
        [(AppointmentStatus.Confirmed, AppointmentAction.Cancel)] = AppointmentStatus.Cancelled,
        [(AppointmentStatus.Confirmed, AppointmentAction.MarkNoShow)] = AppointmentStatus.NoShow,
        [(AppointmentStatus.Confirmed, AppointmentAction.Reschedule)] = AppointmentStatus.Confirmed,
        [(AppointmentStatus.CheckedIn, AppointmentAction.Start)] = AppointmentStatus.InProgress,
        // A client who checked in and then left before treatment.
        [(AppointmentStatus.CheckedIn, AppointmentAction.Cancel)] = AppointmentStatus.Cancelled,
        [(AppointmentStatus.InProgress, AppointmentAction.Complete)] = AppointmentStatus.Completed,
    };

    /// <summary>The status after <paramref name="action"/>, or null when the table refuses it.</summary>
    public static AppointmentStatus? After(AppointmentStatus from, AppointmentAction action) =>
        Moves.TryGetValue((from, action), out var to) ? to : null;

    public static IEnumerable<AppointmentAction> Allowed(AppointmentStatus from) =>
        Moves.Keys.Where(k => k.From == from).Select(k => k.Action);

    /// <summary>Live appointments take their provider's and room's time; the database's overlap rules count only these.</summary>
    public static bool IsLive(AppointmentStatus status) => status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    /// <summary>How staff and clients read a status; shown as text beside its colour, never colour alone.</summary>
    public static string Label(AppointmentStatus status) => status switch
    {
        AppointmentStatus.CheckedIn => "Checked in",
        AppointmentStatus.InProgress => "In progress",
        AppointmentStatus.NoShow => "No-show",
        _ => status.ToString(),
    };

    public static string Label(AppointmentAction action) => action switch
    {
        AppointmentAction.CheckIn => "Check in",
        AppointmentAction.Start => "Start treatment",
        AppointmentAction.MarkNoShow => "Mark no-show",
        _ => action.ToString(),
    };
}
