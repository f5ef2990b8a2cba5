using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Time;
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

        /// <summary>This site's address as the owner reached it, which starts the campaign's unsubscribe links; set by the page.</summary>
        public string? LinkBase { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(IClientSegments segments, IClientVisits visits)
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Give the campaign a name.").MaximumLength(200).WithMessage("Keep the name under 200 characters.");
            RuleFor(r => r.Channel).Must(c => Channels.Any(x => x.Value == c)).WithMessage("Choose email, SMS or WhatsApp.");
            RuleFor(r => r.Subject).NotEmpty().When(r => r.Channel == "Email").WithMessage("An email needs a subject.")
                .MaximumLength(200).WithMessage("Keep the subject under 200 characters.")
                .Must(NoUnknownPlaceholders).WithMessage(r => Unknown(r.Subject));
            RuleFor(r => r.Body).NotEmpty().WithMessage("Write the message.").MaximumLength(5000).WithMessage("Keep the message under 5,000 characters.")
                .Must(NoUnknownPlaceholders).WithMessage(r => Unknown(r.Body));
            RuleFor(r => r.Tag).MustAsync(async (t, ct) => string.IsNullOrEmpty(t) || (await segments.TagsAsync(ct)).Contains(t, StringComparer.Ordinal))
                .WithMessage("Choose a tag from the list.");
            RuleFor(r => r.LastVisitOnOrAfter).Must(d => string.IsNullOrEmpty(d) || ClinicDates.ParseValue(d) is not null).WithMessage("Enter a date as YYYY-MM-DD.");
            RuleFor(r => r.LastVisitBefore).Must(d => string.IsNullOrEmpty(d) || ClinicDates.ParseValue(d) is not null).WithMessage("Enter a date as YYYY-MM-DD.")
                .Must((r, d) => ClinicDates.ParseValue(r.LastVisitOnOrAfter) is not { } from || ClinicDates.ParseValue(d) is not { } until || until > from)
                .WithMessage("The second date must come after the first.");
            RuleFor(r => r.ServiceId).MustAsync(async (s, ct) => string.IsNullOrEmpty(s) || (Guid.TryParse(s, out var id) && (await visits.ServicesAsync(ct)).Any(x => x.Id == id)))
                .WithMessage("Choose a service from the list.");
        }

        private static bool NoUnknownPlaceholders(string? text) => text is null || TemplateRenderer.Unknown(text, MessageKinds.Campaign).Count == 0;

        private static string Unknown(string? text) =>
            $"Unknown placeholder: {string.Join(", ", TemplateRenderer.Unknown(text ?? "", MessageKinds.Campaign).Select(n => "{{" + n + "}}"))}. Use "
            + string.Join(", ", MessageKinds.Campaign.Placeholders.Select(p => "{{" + p.Name + "}}")) + ".";
    }

    /// <summary>What the form offers beside the clinic's campaigns: the clients' tags and the services clients have had.</summary>
    internal sealed record Choices(IReadOnlyList<string> Tags, IReadOnlyList<ServiceChoice> Services);

    internal sealed class Form(IClientSegments segments, IClientVisits visits)
    {
        public async Task<Choices> ChoicesAsync(CancellationToken ct) => new(await segments.TagsAsync(ct), await visits.ServicesAsync(ct));
    }

    /// <summary>Stores the draft; the answer is its id.</summary>
    internal sealed class Handler(TimeProvider time) : ICommandHandler<Request, Guid>
    {
        public async Task<Outcome<Guid>> HandleAsync(Request request, Change change)
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
                    from = ClinicDates.ParseValue(request.LastVisitOnOrAfter) is { } from ? ClinicDates.Value(from) : null,
                    before = ClinicDates.ParseValue(request.LastVisitBefore) is { } before ? ClinicDates.Value(before) : null,
                    serviceId = Guid.TryParse(request.ServiceId, out var serviceId) ? serviceId : (Guid?)null,
                    linkBase = request.LinkBase ?? "",
                    now = time.GetUtcNow(),
                });
            change.Audit(new AuditEntry(AuditAction) { RecordId = id });
            return id;
        }
    }
}
