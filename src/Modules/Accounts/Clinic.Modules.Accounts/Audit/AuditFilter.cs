using System.Globalization;
using Clinic.BuildingBlocks.Web;
using FluentValidation;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>
/// The audit viewer's filter as it arrives in the query string, shared by the page and its CSV export. Every field
/// is text so that a malformed value gets a 400 naming it instead of a binding failure.
/// </summary>
internal sealed class AuditFilter
{
    public string? Person { get; set; }

    public string? Client { get; set; }

    public string? Action { get; set; }

    /// <summary>The first day to include, in the clinic's time zone (yyyy-MM-dd).</summary>
    public string? From { get; set; }

    /// <summary>The last day to include, in the clinic's time zone (yyyy-MM-dd).</summary>
    public string? To { get; set; }

    /// <summary>The criteria the filter describes, with its dates turned into UTC instants in <paramref name="zone"/>.</summary>
    public AuditCriteria ToCriteria(TimeZoneInfo zone) => new(
        ActorId: Blank(Person) ? null : Guid.Parse(Person!),
        ClientId: Blank(Client) ? null : Guid.Parse(Client!.Trim()),
        Action: Blank(Action) ? null : Action,
        From: Blank(From) ? null : StartOf(Date(From!), zone),
        Until: Blank(To) ? null : StartOf(Date(To!).AddDays(1), zone));

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    internal sealed class Validator : AbstractValidator<AuditFilter>
    {
        public Validator()
        {
            RuleFor(f => f.Person).Must(BeAnIdOrBlank).WithMessage("Choose a person from the list.");
            RuleFor(f => f.Client).Must(BeAnIdOrBlank).WithMessage("Enter a client id such as 0196a1b2-0000-7000-8000-000000000000.");
            RuleFor(f => f.Action).SingleLine("Action", 64);
            RuleFor(f => f.From).Must(BeADateOrBlank).WithMessage("Enter a date as yyyy-mm-dd.");
            RuleFor(f => f.To).Must(BeADateOrBlank).WithMessage("Enter a date as yyyy-mm-dd.")
                .Must((filter, to) => !IsBefore(to, filter.From)).WithMessage("Choose a date on or after the first day.");
        }

        private static bool BeAnIdOrBlank(string? value) => Blank(value) || Guid.TryParse(value!.Trim(), out _);

        private static bool BeADateOrBlank(string? value) =>
            Blank(value) || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

        private static bool IsBefore(string? to, string? from) =>
            BeADateOrBlank(to) && BeADateOrBlank(from) && !Blank(to) && !Blank(from) && Date(to!) < Date(from!);
    }
}

/// <summary>What to look for in the trail; null means any.</summary>
internal sealed record AuditCriteria(Guid? ActorId, Guid? ClientId, string? Action, DateTimeOffset? From, DateTimeOffset? Until);
