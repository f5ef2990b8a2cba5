using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Messaging.Templates;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Messaging.Features.EditTemplate;

/// <summary>
/// The owner rewrites one template (a kind, email or text, in one language) beside its placeholders and a preview
/// filled with sample values; a placeholder the kind does not offer is refused. Restoring deletes the override.
/// </summary>
internal static class EditTemplate
{
    public const string SavedAction = "messages.template_saved";
    public const string RestoredAction = "messages.template_restored";
    public const string PreviewPath = "/messages/templates/preview";
    public const int MaxSubject = 200;
    public const int MaxBody = 5000;

    /// <summary>The template a route names; null for an unknown kind, channel or language.</summary>
    internal sealed record Target(MessageKind Kind, bool Email, string Language)
    {
        public string Channel => Email ? TemplateSource.Email : TemplateSource.Text;

        public string Path => MessageTemplates.MessageTemplates.EditPath(Kind.Key, Channel, Language);

        public static Target? From(string? kind, string? channel, string? language) =>
            MessageKinds.Find(kind ?? "") is { } found && channel is TemplateSource.Email or TemplateSource.Text && BuiltInTemplates.Languages.Contains(language)
                ? new Target(found, channel == TemplateSource.Email, language!)
                : null;
    }

    internal sealed class Request
    {
        /// <summary>The template's kind, channel group and language, from the route, never from the form.</summary>
        public string? Kind { get; set; }

        public string? Channel { get; set; }

        public string? Language { get; set; }

        public string? Subject { get; set; }

        public string? Body { get; set; }

        /// <summary>"preview" renders without saving; anything else saves.</summary>
        public string? Action { get; set; }

        public bool IsPreview => Action == "preview";

        public Target? Target => Target.From(Kind, Channel, Language);
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        // A request for no template is the page's 404, so the rules read its template as known.
        public Validator()
        {
            When(r => r.Target is not null, () =>
            {
                RuleFor(r => r.Body).NotEmpty().WithMessage("Enter the message's words.").PlainText("Body", MaxBody)
                    .Must((r, body) => Unknown(body, r.Target!) is null).WithMessage((r, body) => UnknownMessage("Body", Unknown(body, r.Target!)!, r.Target!));
                When(r => r.Target!.Email, () =>
                    RuleFor(r => r.Subject).NotEmpty().WithMessage("Enter the email's subject.").SingleLine("Subject", MaxSubject)
                        .Must((r, subject) => Unknown(subject, r.Target!) is null).WithMessage((r, subject) => UnknownMessage("Subject", Unknown(subject, r.Target!)!, r.Target!)));
            });
        }

        private static string? Unknown(string? text, Target target) => TemplateRenderer.Unknown(text ?? "", target.Kind) is [var first, ..] ? first : null;

        private static string UnknownMessage(string field, string name, Target target) =>
            $"{field} uses {{{{{name}}}}}, which the {target.Kind.Name.ToLowerInvariant()} does not offer. Use one of the placeholders listed.";
    }

    /// <summary>The words as the reader would see them with sample values, and, for texts, their SMS length.</summary>
    internal sealed record Preview(string? Subject, string Body, SmsLength? Length);

    internal sealed record Current(TemplateText Text, bool Overridden);

    internal sealed class Handler(UnitOfWork work, TemplateSource templates, ITenantContext tenant, ITenantDirectory clinics, ClinicTime clinicTime, AuditContext context, TimeProvider time)
    {
        public async Task<Current> LoadAsync(Target target, CancellationToken ct) =>
            await templates.OverrideAsync(target.Kind.Key, target.Email, target.Language, ct) is { } own
                ? new Current(own, Overridden: true)
                : new Current(BuiltInTemplates.For(target.Kind.Key, target.Email, target.Language), Overridden: false);

        /// <summary>Renders with each placeholder's sample value, instants in the clinic's time zone.</summary>
        public async Task<Preview> PreviewAsync(Target target, string? subject, string? body, CancellationToken ct)
        {
            var clinic = await clinics.FindAsync(tenant.Required, ct);
            var values = target.Kind.Placeholders.ToDictionary(p => p.Name, p => p.Sample, StringComparer.Ordinal);
            values[MessageKinds.ClinicName.Name] = clinic?.Name ?? MessageKinds.ClinicName.Sample;
            var text = TemplateRenderer.Render(new TemplateText(target.Email ? subject ?? "" : null, body ?? ""), target.Kind, values, await clinicTime.ZoneAsync(ct), target.Language);
            return new Preview(text.Subject, text.Body, target.Email ? null : SmsLength.Of(text.Body));
        }

        /// <summary>Stores a request the validator accepted as this clinic's words for the target.</summary>
        public Task SaveAsync(Target target, Request request, CancellationToken ct) =>
            work.RunAsync<bool>(change => SaveAsync(change, target, request), ct);

        private async Task<Outcome<bool>> SaveAsync(Change change, Target target, Request request)
        {
            await change.Db.ExecuteAsync(
                """
                INSERT INTO messaging_templates (id, tenant_id, kind, channel_group, language, subject, body, updated_at, updated_by)
                VALUES (@id, @tenant_id, @kind, @group, @language, @subject, @body, @now, @by)
                ON CONFLICT (tenant_id, kind, channel_group, language)
                DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """,
                new
                {
                    id = Guid.CreateVersion7(),
                    kind = target.Kind.Key,
                    group = target.Channel,
                    language = target.Language,
                    subject = target.Email ? request.Subject!.Trim() : null,
                    body = request.Body!,
                    now = time.GetUtcNow(),
                    by = context.Actor?.Id,
                });
            change.Audit(new AuditEntry(SavedAction) { RecordId = await IdAsync(change.Db, target) });
            return true;
        }

        /// <summary>Deletes this clinic's override so the built-in text is sent again.</summary>
        public Task RestoreAsync(Target target, CancellationToken ct) =>
            work.RunAsync<bool>(
                async change =>
                {
                    var id = await IdAsync(change.Db, target);
                    await change.Db.ExecuteAsync("DELETE FROM messaging_templates WHERE tenant_id = @tenant_id AND id = @id", new { id });
                    change.Audit(new AuditEntry(RestoredAction) { RecordId = id });
                    return true;
                },
                ct);

        private static Task<Guid?> IdAsync(BuildingBlocks.Data.DbSession db, Target target) =>
            db.QuerySingleOrDefaultAsync<Guid?>(
                "SELECT id FROM messaging_templates WHERE tenant_id = @tenant_id AND kind = @kind AND channel_group = @group AND language = @language",
                new { kind = target.Kind.Key, group = target.Channel, language = target.Language });
    }

    /// <summary>
    /// The live preview the editor's script asks for as the owner types: the editor's own form (antiforgery token
    /// included) plus the target; it renders and saves nothing.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(PreviewPath, async Task<IResult> (IFormCollection form, Handler handler, IValidator<Request> validator, HttpContext http) =>
            {
                var request = new Request { Kind = form["Kind"], Channel = form["Channel"], Language = form["Language"], Subject = form["Input.Subject"], Body = form["Input.Body"] };
                if (request.Target is not { } target)
                    return TypedResults.NotFound();

                var problems = (await validator.ValidateAsync(request, http.RequestAborted)).Errors.Select(e => e.ErrorMessage).Distinct().ToList();
                var preview = await handler.PreviewAsync(target, request.Subject, request.Body, http.RequestAborted);
                return TypedResults.Ok(new { preview.Subject, preview.Body, Length = preview.Length?.Describe(), Problems = problems });
            })
            .RequirePermission(MessageTemplates.MessageTemplates.Permission)
            .ExcludeFromDescription();
}
