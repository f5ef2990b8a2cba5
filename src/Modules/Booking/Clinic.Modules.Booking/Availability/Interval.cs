using System.Runtime.InteropServices;

namespace Clinic.Modules.Booking.Availability;

/// <summary>A stretch of time from <see cref="Start"/> up to, not including, <see cref="End"/>, as instants.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct Interval(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(Interval other) => Start < other.End && other.Start < End;

    public bool Contains(Interval other) => Start <= other.Start && other.End <= End;
}
