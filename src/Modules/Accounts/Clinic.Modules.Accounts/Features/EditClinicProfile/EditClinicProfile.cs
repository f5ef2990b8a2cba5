using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using FluentValidation;

namespace Clinic.Modules.Accounts.Features.EditClinicProfile;

/// <summary>The owner writes what the clinic's website says about it: name, contact details, opening hours and social links.</summary>
internal static class EditClinicProfile
{
    public const string Permission = "clinic.profile";
    public const string PagePath = "/settings/clinic-profile";
    public const string AuditAction = "accounts.profile.updated";

    /// <summary>The week as the form lists it, Monday first.</summary>
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The networks a clinic may link to, and the hosts (with their subdomains) each one's pages live on.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Hosts)> Networks =
    [
        ("Instagram", ["instagram.com"]),
        ("Facebook", ["facebook.com", "fb.com"]),
        ("TikTok", ["tiktok.com"]),
        ("YouTube", ["youtube.com", "youtu.be"]),
    ];

    internal sealed class Request
    {
        public string? Name { get; set; }

        public string? Tagline { get; set; }

        public string? About { get; set; }

        public string? Address { get; set; }

        public string? MapLink { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? WhatsApp { get; set; }

        public bool WhatsAppWidget { get; set; }

        public string? Instagram { get; set; }

        public string? Facebook { get; set; }

        public string? TikTok { get; set; }

        public string? YouTube { get; set; }

        /// <summary>One entry per weekday, in <see cref="Week"/> order.</summary>
        public List<Day> Hours { get; set; } = [];

        public string? LinkOf(string network) => network switch
        {
            "Instagram" => Instagram,
            "Facebook" => Facebook,
            "TikTok" => TikTok,
            _ => YouTube,
        };

        public static Request From(ClinicProfile profile) => new()
        {
            Name = profile.Name,
            Tagline = profile.Tagline,
            About = profile.About,
            Address = profile.Address,
            MapLink = profile.MapLink?.OriginalString,
            Phone = profile.Phone,
            Email = profile.Email,
            WhatsApp = profile.WhatsApp,
            WhatsAppWidget = profile.WhatsAppWidget,
            Instagram = Social(profile, "Instagram"),
            Facebook = Social(profile, "Facebook"),
            TikTok = Social(profile, "TikTok"),
            YouTube = Social(profile, "YouTube"),
            Hours = [.. Week.Select(day => profile.Hours.FirstOrDefault(h => h.Day == day) is { } open
                ? new Day { Weekday = day, Open = true, Opens = Clock(open.Opens), Closes = Clock(open.Closes) }
                : new Day { Weekday = day })],
        };

        private static string? Social(ClinicProfile profile, string network) =>
            profile.Social.FirstOrDefault(s => s.Network == network)?.Url.OriginalString;

        private static string Clock(TimeOnly time) => ClinicDates.Time(time);
    }

    internal sealed class Day
    {
        public DayOfWeek Weekday { get; set; }

        public bool Open { get; set; }

        /// <summary>As the time input sends it, HH:mm.</summary>
        public string? Opens { get; set; }

        public string? Closes { get; set; }

        public TimeOnly? OpensAt => Time(Opens);

        public TimeOnly? ClosesAt => Time(Closes);

        private static TimeOnly? Time(string? value) =>
            TimeOnly.TryParseExact(value?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(WebsiteSettings website)
        {
            // Whether the operator configured the WhatsApp widget's script.
            var widgetAvailable = website.WhatsAppWidgetScript is not null;
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter the clinic's name.").SingleLine("Clinic name", 120);
            RuleFor(r => r.Tagline).SingleLine("Tagline", 160);
            RuleFor(r => r.About).PlainText("About the clinic", 2000);
            RuleFor(r => r.Address).PlainText("Address", 300);
            RuleFor(r => r.MapLink).SingleLine("Map link", 2000)
                .Must(link => Https(link) is not null).WithMessage("Map link must be an https:// address, such as a Google Maps link.")
                .When(r => !string.IsNullOrWhiteSpace(r.MapLink));
            RuleFor(r => r.Phone).Must(p => MobileNumber.TryParseAnyLine(p) is not null)
                .WithMessage("Phone must be a phone number, such as 042 35761234 or 0300 1234567.")
                .When(r => !string.IsNullOrWhiteSpace(r.Phone));
            RuleFor(r => r.Email).SingleLine("Public email", 254)
                .EmailAddress().WithMessage("Public email must be an email address.").When(r => !string.IsNullOrWhiteSpace(r.Email));
            RuleFor(r => r.WhatsApp).Must(p => MobileNumber.TryParse(p, out _))
                .WithMessage("WhatsApp number must be a mobile number, such as 0300 1234567 or +44 7400 123456.")
                .When(r => !string.IsNullOrWhiteSpace(r.WhatsApp));
            RuleFor(r => r.WhatsAppWidget).Must(on => !on || widgetAvailable)
                .WithMessage("WhatsApp chat widget: this installation has no widget script set up, so it cannot be turned on.");
            RuleFor(r => r.WhatsAppWidget).Must((r, on) => !on || !string.IsNullOrWhiteSpace(r.WhatsApp))
                .WithMessage("WhatsApp chat widget: enter the WhatsApp number it chats with.").When(_ => widgetAvailable);
            LinkOnNetwork(RuleFor(r => r.Instagram), "Instagram");
            LinkOnNetwork(RuleFor(r => r.Facebook), "Facebook");
            LinkOnNetwork(RuleFor(r => r.TikTok), "TikTok");
            LinkOnNetwork(RuleFor(r => r.YouTube), "YouTube");
            RuleFor(r => r.Hours).Must(days => days.Count == 7 && days.Select(d => d.Weekday).Order().SequenceEqual(Week.Order()))
                .WithMessage("Opening hours: give each day of the week once.");
            RuleForEach(r => r.Hours).ChildRules(day => day.When(d => d.Open, () =>
            {
                day.RuleFor(d => d.Opens).Must((d, _) => d.OpensAt is not null)
                    .WithMessage(d => $"{d.Weekday}: enter the opening time, e.g. 09:00.");
                day.RuleFor(d => d.Closes).Must((d, _) => d.ClosesAt is not null)
                    .WithMessage(d => $"{d.Weekday}: enter the closing time, e.g. 18:00.");
                day.RuleFor(d => d.Closes).Must((d, _) => d.OpensAt < d.ClosesAt)
                    .WithMessage(d => $"{d.Weekday}: the closing time must be after the opening time.")
                    .When(d => d.OpensAt is not null && d.ClosesAt is not null);
            }));
        }

        private static void LinkOnNetwork(IRuleBuilder<Request, string?> rule, string network)
        {
            var hosts = Networks.First(n => n.Name == network).Hosts;
            rule.SingleLine(network, 500)
                .Must(link => string.IsNullOrWhiteSpace(link) || OnNetwork(link, hosts))
                .WithMessage($"{network} must be an https:// link to a page on {hosts[0]}.");
        }

        private static bool OnNetwork(string? link, string[] hosts) =>
            Https(link) is { } url && hosts.Any(h => url.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An absolute https:// address with no user name or password in it, or null.</summary>
    public static Uri? Https(string? link) =>
        Uri.TryCreate(link?.Trim(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(url.UserInfo) ? url : null;

    /// <summary>Stores a request the <see cref="Validator"/> accepted, replacing the clinic's profile and hours.</summary>
    internal sealed class Handler(ITenantContext tenant, TimeProvider time) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request command, Change change)
        {
            await change.Db.ExecuteAsync("UPDATE accounts_tenants SET name = @name WHERE id = @tenant_id", new { name = command.Name!.Trim() });
            await change.Db.ExecuteAsync(
                """
                INSERT INTO accounts_clinic_profiles (tenant_id, tagline, about, address, map_link, phone, email, whatsapp, whatsapp_widget,
                    instagram, facebook, tiktok, youtube, updated_at)
                VALUES (@tenant_id, @tagline, @about, @address, @mapLink, @phone, @email, @whatsApp, @widget,
                    @instagram, @facebook, @tiktok, @youtube, @now)
                ON CONFLICT (tenant_id) DO UPDATE SET tagline = excluded.tagline, about = excluded.about, address = excluded.address,
                    map_link = excluded.map_link, phone = excluded.phone, email = excluded.email, whatsapp = excluded.whatsapp,
                    whatsapp_widget = excluded.whatsapp_widget, instagram = excluded.instagram, facebook = excluded.facebook,
                    tiktok = excluded.tiktok, youtube = excluded.youtube, updated_at = excluded.updated_at
                """,
                new
                {
                    tagline = Blank(command.Tagline),
                    about = Blank(command.About),
                    address = Blank(command.Address),
                    mapLink = Blank(command.MapLink),
                    phone = MobileNumber.TryParseAnyLine(command.Phone),
                    email = Blank(command.Email),
                    whatsApp = Number(command.WhatsApp),
                    widget = command.WhatsAppWidget,
                    instagram = Blank(command.Instagram),
                    facebook = Blank(command.Facebook),
                    tiktok = Blank(command.TikTok),
                    youtube = Blank(command.YouTube),
                    now = time.GetUtcNow(),
                });
            await change.Db.ExecuteAsync("DELETE FROM accounts_opening_hours WHERE tenant_id = @tenant_id");
            foreach (var day in command.Hours.Where(d => d.Open))
            {
                await change.Db.ExecuteAsync(
                    "INSERT INTO accounts_opening_hours (tenant_id, weekday, opens_minute, closes_minute) VALUES (@tenant_id, @weekday, @opens, @closes)",
                    new { weekday = (int)day.Weekday, opens = Minutes(day.OpensAt!.Value), closes = Minutes(day.ClosesAt!.Value) });
            }

            change.Audit(new AuditEntry(AuditAction) { RecordId = tenant.Required });
            return tenant.Required;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static string? Number(string? value) => MobileNumber.TryParse(value, out var number) ? number.Value : null;

        private static int Minutes(TimeOnly time) => (time.Hour * 60) + time.Minute;
    }
}
