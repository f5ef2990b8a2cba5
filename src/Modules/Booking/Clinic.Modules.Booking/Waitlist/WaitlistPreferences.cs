using Clinic.BuildingBlocks.Data;
using FluentValidation;

namespace Clinic.Modules.Booking.Waitlist;

/// <summary>What a client waiting for a service would take: a provider (or anyone), and up to three times of the week.</summary>
internal class WaitlistPreferences
{
    /// <summary>How many windows the forms offer; enough for "Monday mornings or Thursday evenings" without a script to add rows.</summary>
    public const int MaxWindows = 3;

    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private List<WaitlistWindowInput> _windows = [];

    public string? ServiceId { get; set; }

    /// <summary>Blank for any provider who performs the service.</summary>
    public string? ProviderId { get; set; }

    /// <summary>The form's window rows, in order; blank rows are ignored. A post without any leaves the list empty, not null.</summary>
    public List<WaitlistWindowInput> Windows
    {
        get => _windows;
        set => _windows = value ?? [];
    }

    public Guid? Service => Guid.TryParse(ServiceId, out var id) ? id : null;

    public Guid? Provider => Guid.TryParse(ProviderId, out var id) ? id : null;

    /// <summary>The windows filled in; none filled in means any day, any time.</summary>
    public IReadOnlyList<WaitlistWindow> Chosen =>
        Windows.Where(w => !w.IsBlank).Select(w => w.Window).OfType<WaitlistWindow>().DefaultIfEmpty(WaitlistWindow.AnyTime).ToList();

    /// <summary>The row to show at <paramref name="index"/>: what was posted, or an empty one.</summary>
    public WaitlistWindowInput Row(int index) => index < Windows.Count ? Windows[index] : new();

    /// <summary>Adds the entry and its windows inside the caller's transaction; the client joins the back of the queue.</summary>
    public async Task<Guid> AddAsync(DbSession db, Guid clientId, string source, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, source, status, created_at)
            VALUES (@id, @tenant_id, @clientId, @serviceId, @providerId, @source, 'Waiting', @now)
            """,
            new { id, clientId, serviceId = Service, providerId = Provider, source, now });
        foreach (var (window, position) in Chosen.Select((w, i) => (w, i)))
        {
            await db.ExecuteAsync(
                """
                INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute)
                VALUES (@tenant_id, @id, @position, @weekdays, @from, @to)
                """,
                new { id, position, weekdays = window.Weekdays, from = window.FromMinute, to = window.ToMinute });
        }

        return id;
    }

    /// <summary>The rules every way onto the waitlist shares; a window's errors name it, e.g. <c>Windows[1].From</c>.</summary>
    internal static void Rules<T>(AbstractValidator<T> validator)
        where T : WaitlistPreferences
    {
        validator.RuleFor(r => r.ServiceId).Must((r, _) => r.Service is not null).WithMessage("Choose a service.");
        validator.RuleFor(r => r.ProviderId).Must((r, _) => r.Provider is not null).WithMessage("Choose a provider, or anyone.")
            .When(r => !string.IsNullOrWhiteSpace(r.ProviderId));
        validator.RuleFor(r => r.Windows).Must(w => w.Count <= MaxWindows).WithMessage($"Give at most {MaxWindows} times that suit.");
        validator.RuleForEach(r => r.Windows).ChildRules(window =>
        {
            window.RuleFor(w => w.From).Must((w, _) => w.FromMinute is not null).WithMessage("Enter the earliest time as e.g. 09:00, or leave it blank.");
            window.RuleFor(w => w.To).Must((w, _) => w.ToMinute is not null).WithMessage("Enter the latest time as e.g. 17:00, or leave it blank.");
            window.RuleFor(w => w.To).Must((w, _) => w.ToMinute > w.FromMinute).WithMessage("The latest time must be after the earliest.")
                .When(w => w.FromMinute is not null && w.ToMinute is not null);
        });
    }
}
