using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Messaging.Dispatch;

/// <summary>
/// When a clinic sends nothing that can wait, in minutes after local midnight (default 21:00 to 09:00). The span may
/// run over midnight.
/// </summary>
internal sealed record QuietHours(int FromMinute, int UntilMinute)
{
    public static readonly QuietHours Default = new(21 * 60, 9 * 60);

    public static async Task<QuietHours> LoadAsync(DbSession db) =>
        await db.QuerySingleOrDefaultAsync<Row>(
            "SELECT quiet_from_minute AS FromMinute, quiet_until_minute AS UntilMinute FROM messaging_settings WHERE tenant_id = @tenant_id")
            is { } row ? new QuietHours(row.FromMinute, row.UntilMinute) : Default;

    /// <summary>When quiet hours end if <paramref name="now"/> falls inside them; null when a message may go now.</summary>
    public DateTimeOffset? EndAfter(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (FromMinute == UntilMinute)
            return null;

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var minute = (local.Hour * 60) + local.Minute;
        var quiet = FromMinute < UntilMinute
            ? minute >= FromMinute && minute < UntilMinute
            : minute >= FromMinute || minute < UntilMinute;
        if (!quiet)
            return null;

        var endDate = minute >= UntilMinute ? local.Date.AddDays(1) : local.Date;
        var endLocal = endDate.AddMinutes(UntilMinute);
        // A wall-clock time the clocks skip is taken as the moment they reach it.
        while (zone.IsInvalidTime(endLocal))
            endLocal = endLocal.AddMinutes(1);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }

    private sealed class Row
    {
        public int FromMinute { get; init; }

        public int UntilMinute { get; init; }
    }
}
