namespace Clinic.Modules.Booking.Availability;

/// <summary>What a service needs: its length, the buffers around it, a room or equipment type, and who may perform it.</summary>
internal sealed record ServiceNeeds(
    Guid ServiceId,
    int DurationMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    string? ResourceType,
    IReadOnlyList<Guid> Providers)
{
    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);

    /// <summary>The time an appointment starting at <paramref name="start"/> takes from its provider and room.</summary>
    public Interval Blocked(DateTimeOffset start) =>
        new(start.AddMinutes(-BufferBeforeMinutes), start.AddMinutes(DurationMinutes + BufferAfterMinutes));
}

/// <summary>
/// The clinic's diary over a stretch of days, as the availability engine needs it: when each provider works, and the
/// time already taken from each provider and each room (live appointments and unexpired holds, buffers included).
/// </summary>
internal sealed class Diary(
    WorkingPattern pattern,
    IReadOnlyDictionary<Guid, List<Interval>> providerBusy,
    IReadOnlyDictionary<Guid, List<Interval>> resourceBusy,
    IReadOnlyDictionary<string, IReadOnlyList<Guid>> resourcesByType)
{
    public WorkingPattern Pattern => pattern;

    public bool ProviderFree(Guid providerId, Interval wanted) => Free(providerBusy, providerId, wanted);

    /// <summary>The first room or item of <paramref name="type"/> free for the whole interval, if any.</summary>
    public Guid? FreeResource(string type, Interval wanted)
    {
        if (!resourcesByType.TryGetValue(type, out var candidates))
            return null;
        foreach (var id in candidates)
        {
            if (Free(resourceBusy, id, wanted))
                return id;
        }

        return null;
    }

    // Taken intervals of one provider or room never overlap each other, so sorted by start they are also sorted by end,
    // and one binary search finds the only one that could overlap.
    private static bool Free(IReadOnlyDictionary<Guid, List<Interval>> busy, Guid id, Interval wanted)
    {
        if (!busy.TryGetValue(id, out var taken) || taken.Count == 0)
            return true;

        int low = 0, high = taken.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (taken[middle].End <= wanted.Start)
                low = middle + 1;
            else
                high = middle;
        }

        return low == taken.Count || taken[low].Start >= wanted.End;
    }
}
