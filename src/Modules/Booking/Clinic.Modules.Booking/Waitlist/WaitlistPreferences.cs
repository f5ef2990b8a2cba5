using System.Globalization;
using Clinic.BuildingBlocks.Data;
using FluentValidation;

namespace Clinic.Modules.Booking.Waitlist;

/// <summary>What a client waiting for a service would take: a provider (or anyone), some days of the week, a span of the day.</summary>
internal class WaitlistPreferences
{
    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public string? ServiceId { get; set; }

    /// <summary>Blank for any provider who performs the service.</summary>
    public string? ProviderId { get; set; }

    // One checkbox per day ("on" when ticked): a form without scripts posts each one under its own name.
    public string? Sunday { get; set; }

    public string? Monday { get; set; }

    public string? Tuesday { get; set; }

    public string? Wednesday { get; set; }

    public string? Thursday { get; set; }

    public string? Friday { get; set; }

    public string? Saturday { get; set; }

    /// <summary>Local times, e.g. 09:00; blank for the whole day.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    public Guid? Service => Guid.TryParse(ServiceId, out var id) ? id : null;

    public Guid? Provider => Guid.TryParse(ProviderId, out var id) ? id : null;

    /// <summary>The ticked days as bits (bit 0 = Sunday); none ticked means any day.</summary>
    public int Weekdays
    {
        get
        {
            var ticked = new[] { Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday }
                .Select((value, day) => value is "on" or "true" ? 1 << day : 0)
                .Sum();
            return ticked == 0 ? 127 : ticked;
        }
    }

    public int? FromMinute => Minutes(From, blank: 0);

    public int? ToMinute => Minutes(To, blank: 1440);

    public string? Day(int day) => day switch
    {
        0 => Sunday,
        1 => Monday,
        2 => Tuesday,
        3 => Wednesday,
        4 => Thursday,
        5 => Friday,
        _ => Saturday,
    };

    /// <summary>Adds the entry inside the caller's transaction; the client joins the back of the queue.</summary>
    public async Task<Guid> AddAsync(DbSession db, Guid clientId, string source, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, weekdays, from_minute, to_minute, source, status, created_at)
            VALUES (@id, @tenant_id, @clientId, @serviceId, @providerId, @weekdays, @from, @to, @source, 'Waiting', @now)
            """,
            new { id, clientId, serviceId = Service, providerId = Provider, weekdays = Weekdays, from = FromMinute, to = ToMinute, source, now });
        return id;
    }

    /// <summary>How staff read an entry's days and times.</summary>
    public static string Describe(int weekdays, int fromMinute, int toMinute)
    {
        var days = weekdays == 127 ? "Any day" : string.Join(", ", Enumerable.Range(0, 7).Where(d => (weekdays & (1 << d)) != 0).Select(d => DayNames[d][..3]));
        var times = fromMinute == 0 && toMinute == 1440 ? "any time" : $"{fromMinute / 60:D2}:{fromMinute % 60:D2}–{toMinute / 60:D2}:{toMinute % 60:D2}";
        return $"{days}, {times}";
    }

    private static int? Minutes(string? value, int blank)
    {
        if (string.IsNullOrWhiteSpace(value))
            return blank;
        return TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? (time.Hour * 60) + time.Minute : null;
    }

    /// <summary>The rules every way onto the waitlist shares.</summary>
    internal static void Rules<T>(AbstractValidator<T> validator)
        where T : WaitlistPreferences
    {
        validator.RuleFor(r => r.ServiceId).Must((r, _) => r.Service is not null).WithMessage("Choose a service.");
        validator.RuleFor(r => r.ProviderId).Must((r, _) => r.Provider is not null).WithMessage("Choose a provider, or anyone.")
            .When(r => !string.IsNullOrWhiteSpace(r.ProviderId));
        validator.RuleFor(r => r.From).Must((r, _) => r.FromMinute is not null).WithMessage("Enter the earliest time as e.g. 09:00, or leave it blank.");
        validator.RuleFor(r => r.To).Must((r, _) => r.ToMinute is not null).WithMessage("Enter the latest time as e.g. 17:00, or leave it blank.");
        validator.RuleFor(r => r.To).Must((r, _) => r.ToMinute > r.FromMinute).WithMessage("The latest time must be after the earliest.")
            .When(r => r.FromMinute is not null && r.ToMinute is not null);
    }
}
