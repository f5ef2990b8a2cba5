using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Time;
using Clinic.BuildingBlocks.Work;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Dispatch;
using Clinic.Modules.Messaging.Features.MessageLog;
using Clinic.Modules.Messaging.Inbound;
using Clinic.Modules.Messaging.Queue;
using Clinic.Modules.Messaging.Templates;
using FluentValidation;

namespace Clinic.Modules.Messaging.Features.StaffReply;

/// <summary>
/// Staff answer a client from their thread, on a channel the client has a valid contact for. WhatsApp takes free text
/// only within 24 hours of the client's last WhatsApp message (its customer-service window); after that, only a
/// template. A reply is a transactional message, queued once per form however often the form is posted.
/// </summary>
internal static class StaffReply
{
    public const string AuditAction = "messages.reply";
    public const string FreeText = "text";
    public const int MaxText = 1600;
    public const int MaxSubject = 200;
    public const int MaxTopic = 100;

    public static readonly TimeSpan WhatsAppWindow = TimeSpan.FromHours(24);

    /// <summary>The templates staff may send of their own accord, inside or outside the WhatsApp window.</summary>
    public static readonly IReadOnlyList<MessageKind> Templates = [MessageKinds.FollowUp];

    internal sealed class Request
    {
        /// <summary>Whom the reply is to: the page's client, never the form's.</summary>
        public Guid ClientId { get; set; }

        public string? Channel { get; set; }

        /// <summary><see cref="FreeText"/> for the staff member's own words, otherwise a template's kind.</summary>
        public string? Template { get; set; }

        public string? Subject { get; set; }

        public string? Text { get; set; }

        public string? Topic { get; set; }

        /// <summary>Issued with the form, so posting the same form twice queues one message.</summary>
        public string? Token { get; set; }

        public bool IsFreeText => Template is null or "" or FreeText;

        /// <summary>Only a channel's name counts: Enum.TryParse would also take "1".</summary>
        public ChannelKind? ChannelKind => Enum.TryParse<ChannelKind>(Channel, ignoreCase: false, out var kind) && kind.ToString() == Channel ? kind : null;
    }

    /// <summary>
    /// What a reply to this client may be: the channels they have a valid contact for (WhatsApp only when they agreed
    /// to it or wrote on it), and the WhatsApp window: when it closes or closed, null when they never wrote on WhatsApp.
    /// </summary>
    internal sealed record Options(Guid ClientId, IReadOnlyList<ChannelKind> Channels, DateTimeOffset? WindowClosesAt, DateTimeOffset Now, TimeZoneInfo Zone)
    {
        public bool WindowOpen => WindowClosesAt > Now;

        public bool FreeTextOn(ChannelKind kind) => kind != ChannelKind.WhatsApp || WindowOpen;

        /// <summary>How the page words the WhatsApp window.</summary>
        public string WindowWords => WindowClosesAt switch
        {
            null => "The client has not written on WhatsApp, so only a template can be sent there.",
            { } at when WindowOpen => $"The WhatsApp window is open until {ClinicDates.Moment(at, Zone)}; free text can be sent until then.",
            { } at => $"The WhatsApp window closed at {ClinicDates.Moment(at, Zone)}; only a template can be sent.",
        };
    }

    /// <summary>Checks the reply against what a reply to its client may be (<see cref="Handler.OptionsAsync"/>).</summary>
    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(Handler reach)
        {
            RuleFor(r => r.Token).Must(token => Guid.TryParse(token, out _)).WithMessage("This form has expired. Open the client's messages again.");
            RuleFor(r => r.ChannelKind).MustAsync(async (r, kind, ct) => kind is { } k && (await reach.OptionsAsync(r.ClientId, ct))?.Channels.Contains(k) == true)
                .WithMessage("Choose a channel the client has a valid contact for.").OverridePropertyName(nameof(Request.Channel));
            When(r => r.IsFreeText, () =>
            {
                RuleFor(r => r.Text).NotEmpty().WithMessage("Write the reply.").PlainText("Text", MaxText)
                    .CustomAsync(async (_, context, ct) =>
                    {
                        var reply = context.InstanceToValidate;
                        if (reply.ChannelKind is { } kind && await reach.OptionsAsync(reply.ClientId, ct) is { } options && !options.FreeTextOn(kind))
                            context.AddFailure(options.WindowWords);
                    });
                When(r => r.ChannelKind == ChannelKind.Email, () =>
                    RuleFor(r => r.Subject).NotEmpty().WithMessage("Enter the email's subject.").SingleLine("Subject", MaxSubject));
            }).Otherwise(() =>
            {
                RuleFor(r => r.Template).Must(key => Templates.Any(t => t.Key == key)).WithMessage("Choose one of the templates offered.");
                RuleFor(r => r.Topic).NotEmpty().WithMessage("Say what the follow-up is about.").SingleLine("Topic", MaxTopic);
            });
        }
    }

    internal sealed class Handler(TenantDb tenantDb, UnitOfWork work, ClinicTime clinicTime, IClientReach clients, TimeProvider time)
    {
        private readonly Dictionary<Guid, Options?> _known = [];

        /// <summary>What a reply to the client may be, or null when this clinic has no such client; read once a request.</summary>
        public async Task<Options?> OptionsAsync(Guid clientId, CancellationToken ct)
        {
            if (!_known.TryGetValue(clientId, out var options))
                _known[clientId] = options = await ReadOptionsAsync(clientId, ct);
            return options;
        }

        private async Task<Options?> ReadOptionsAsync(Guid clientId, CancellationToken ct)
        {
            if (await clients.FindAsync(clientId, ct) is not { } client)
                return null;

            Received? lastWhatsApp;
            await using (var db = await tenantDb.ReadAsync(ct))
            {
                lastWhatsApp = await db.QuerySingleOrDefaultAsync<Received>(
                    """
                    SELECT created_at AS At, body AS Body FROM messaging_messages
                    WHERE tenant_id = @tenant_id AND client_id = @clientId AND direction = 'in' AND channel = 'WhatsApp'
                    ORDER BY created_at DESC, id DESC LIMIT 1
                    """,
                    new { clientId });
            }

            var now = time.GetUtcNow();
            var closesAt = lastWhatsApp?.At + WhatsAppWindow;
            var mobile = ChannelChoice.ValidMobile(client.Mobile) is not null;
            // Writing opens the window, unless what they wrote was STOP.
            var wroteLately = closesAt > now && !InboundMessages.IsStop(lastWhatsApp!.Body ?? "");
            List<ChannelKind> channels = [];
            if (mobile && (client.Consents.Contains(ContactChannel.WhatsApp) || wroteLately))
                channels.Add(ChannelKind.WhatsApp);
            if (mobile)
                channels.Add(ChannelKind.Sms);
            if (ChannelChoice.ValidEmail(client.Email) is not null)
                channels.Add(ChannelKind.Email);
            return new Options(clientId, channels, closesAt, now, await clinicTime.ZoneAsync(ct));
        }

        private sealed class Received
        {
            public DateTimeOffset At { get; init; }

            public string? Body { get; init; }
        }

        /// <summary>Queues a reply the validator accepted; a form posted again queues nothing more.</summary>
        public async Task SendAsync(Options options, Request request, CancellationToken ct)
        {
            var channel = request.ChannelKind!.Value;
            var data = new Dictionary<string, string>(StringComparer.Ordinal) { [MessageValues.Channel] = channel.ToString() };
            if (request.IsFreeText)
            {
                data[MessageKinds.ReplyText.Name] = request.Text!;
                if (channel == ChannelKind.Email)
                    data[MessageKinds.ReplySubject.Name] = request.Subject!.Trim();
            }
            else
            {
                data[MessageKinds.FollowUpTopic.Name] = request.Topic!.Trim();
            }

            var kind = request.IsFreeText ? MessageKinds.Reply.Key : request.Template!;
            var message = new MessageRequest(kind, $"reply:{options.ClientId}:{Guid.Parse(request.Token!)}", Recipient.Client(options.ClientId), data);
            await work.RunAsync<bool>(
                async change =>
                {
                    var queued = await MessageQueue.QueueAsync(change.Db, message, time.GetUtcNow());
                    if (queued)
                        change.Audit(new AuditEntry(AuditAction) { ClientId = options.ClientId });
                    return queued;
                },
                ct);
        }
    }
}
