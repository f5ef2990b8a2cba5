using System.Globalization;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Templates;
using FluentValidation;

namespace Clinic.Modules.Messaging.Features.Campaigns;

/// <summary>
/// The owner writes a campaign: its words for one channel and the segment it goes to. It is kept as a draft until
/// sent from its own page, which shows how many clients it would reach.
/// </summary>
internal static class NewCampaign
{
    public const string AuditAction = "messages.campaign_created";
    public const string DateFormat = "yyyy-MM-dd";

    public static readonly (string Value, string Label)[] Channels = [("Email", "Email"), ("Sms", "SMS"), ("WhatsApp", "WhatsApp")];

    internal sealed class Request
    {
        public string? Name { get; set; }

        public string? Channel { get; set; }

        public string? Subject { get; set; }

        public string? Body { get; set; }

        public string? Tag { get; set; }

        public string? LastVisitOnOrAfter { get; set; }

        public string? LastVisitBefore { get; set; }

        public string? ServiceId { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(IReadOnlyList<string> tags, IReadOnlyList<ServiceChoice> services)
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Give the campaign a name.").MaximumLength(200).WithMessage("Keep the name under 200 characters.");
            RuleFor(r => r.Channel).Must(c => Channels.Any(x => x.Value == c)).WithMessage("Choose email, SMS or WhatsApp.");
            RuleFor(r => r.Subject).NotEmpty().When(r => r.Channel == "Email").WithMessage("An email needs a subject.")
                .MaximumLength(200).WithMessage("Keep the subject under 200 characters.")
                .Must(NoUnknownPlaceholders).WithMessage(r => Unknown(r.Subject));
            RuleFor(r => r.Body).NotEmpty().WithMessage("Write the message.").MaximumLength(5000).WithMessage("Keep the message under 5,000 characters.")
                .Must(NoUnknownPlaceholders).WithMessage(r => Unknown(r.Body));
            RuleFor(r => r.Tag).Must(t => string.IsNullOrEmpty(t) || tags.Contains(t, StringComparer.Ordinal)).WithMessage("Choose a tag from the list.");
            RuleFor(r => r.LastVisitOnOrAfter).Must(d => string.IsNullOrEmpty(d) || ParseDate(d) is not null).WithMessage("Enter a date as YYYY-MM-DD.");
            RuleFor(r => r.LastVisitBefore).Must(d => string.IsNullOrEmpty(d) || ParseDate(d) is not null).WithMessage("Enter a date as YYYY-MM-DD.")
                .Must((r, d) => ParseDate(r.LastVisitOnOrAfter) is not { } from || ParseDate(d) is not { } until || until > from)
                .WithMessage("The second date must come after the first.");
            RuleFor(r => r.ServiceId).Must(s => string.IsNullOrEmpty(s) || (Guid.TryParse(s, out var id) && services.Any(x => x.Id == id)))
                .WithMessage("Choose a service from the list.");
        }

        private static bool NoUnknownPlaceholders(string? text) => text is null || TemplateRenderer.Unknown(text, MessageKinds.Campaign).Count == 0;

        private static string Unknown(string? text) =>
            $"Unknown placeholder: {string.Join(", ", TemplateRenderer.Unknown(text ?? "", MessageKinds.Campaign).Select(n => "{{" + n + "}}"))}. Use "
            + string.Join(", ", MessageKinds.Campaign.Placeholders.Select(p => "{{" + p.Name + "}}")) + ".";
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    internal sealed class Handler(UnitOfWork work, IClientSegments segments, IClientVisits visits, TimeProvider time)
    {
        public async Task<Validator> ValidatorAsync(CancellationToken ct) =>
            new(await segments.TagsAsync(ct), await visits.ServicesAsync(ct));

        /// <summary>Stores a draft the validator accepted; <paramref name="linkBase"/> starts its unsubscribe links.</summary>
        public async Task<Guid> HandleAsync(Request request, string linkBase, CancellationToken ct) =>
            (await work.RunAsync<Guid>(change => StoreAsync(change, request, linkBase), ct)).Value;

        private async Task<Outcome<Guid>> StoreAsync(Change change, Request request, string linkBase)
        {
            var id = Guid.CreateVersion7();
            await change.Db.ExecuteAsync(
                """
                INSERT INTO messaging_campaigns (id, tenant_id, name, channel, subject, body, segment_tag, last_visit_on_or_after, last_visit_before,
                    service_id, link_base, status, created_at)
                VALUES (@id, @tenant_id, @name, @channel, @subject, @body, @tag, @from, @before, @serviceId, @linkBase, 'draft', @now)
                """,
                new
                {
                    id,
                    name = request.Name!.Trim(),
                    channel = request.Channel,
                    subject = request.Channel == "Email" ? request.Subject!.Trim() : null,
                    body = request.Body!.Trim(),
                    tag = string.IsNullOrEmpty(request.Tag) ? null : request.Tag,
                    from = ParseDate(request.LastVisitOnOrAfter)?.ToString(DateFormat, CultureInfo.InvariantCulture),
                    before = ParseDate(request.LastVisitBefore)?.ToString(DateFormat, CultureInfo.InvariantCulture),
                    serviceId = Guid.TryParse(request.ServiceId, out var serviceId) ? serviceId : (Guid?)null,
                    linkBase,
                    now = time.GetUtcNow(),
                });
            change.Audit(new AuditEntry(AuditAction) { RecordId = id });
            return id;
        }
    }
}
