using System.Globalization;
using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.BuildingBlocks.Web;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Webhooks;
using Clinic.Modules.Messaging.Webhooks.Signatures;
using FluentValidation;

namespace Clinic.Modules.Messaging.Features.ChannelSettings;

/// <summary>
/// The owner chooses how each kind of message leaves the clinic: email through SMTP or Resend, SMS and WhatsApp through
/// Twilio, or none (kept in the outbox). A saved secret is never shown again; leaving its field empty keeps it.
/// </summary>
internal static partial class ChangeChannel
{
    public const string Permission = "messaging.setup";
    public const string PagePath = "/messages/channels";

    public static readonly IReadOnlyList<ChannelKind> Kinds = [ChannelKind.Email, ChannelKind.Sms, ChannelKind.WhatsApp];

    public static string AuditAction(ChannelKind kind) => $"messaging.channel.{kind.Name()}.saved";

    public static string Title(ChannelKind kind) => kind switch
    {
        ChannelKind.Email => "Email",
        ChannelKind.Sms => "SMS",
        _ => "WhatsApp",
    };

    internal sealed class Request
    {
        /// <summary>The channel being set up: the page's, never the form's.</summary>
        public ChannelKind Kind { get; set; }

        /// <summary>The provider whose secret is stored already, so an empty secret field keeps it; set by the page.</summary>
        public string? SavedSecretFor { get; set; }

        public string? Provider { get; set; }

        public string? Host { get; set; }

        public string? Port { get; set; }

        public bool StartTls { get; set; }

        public string? User { get; set; }

        public string? Password { get; set; }

        public string? ApiKey { get; set; }

        /// <summary>The signing secret of the clinic's Resend webhook (<c>whsec_…</c>), which its delivery events are verified with.</summary>
        public string? SigningSecret { get; set; }

        public string? FromAddress { get; set; }

        public string? FromName { get; set; }

        public string? AccountSid { get; set; }

        public string? AuthToken { get; set; }

        public string? FromNumber { get; set; }

        /// <summary>The form as stored: never with a secret in it.</summary>
        public static Request From(ChannelSetup? setup) => setup is null
            ? new Request { Provider = Providers.None, Port = "587", StartTls = true }
            : new Request
            {
                Provider = setup.Provider,
                Host = setup.Fields.Host,
                Port = (setup.Fields.Port ?? 587).ToString(CultureInfo.InvariantCulture),
                StartTls = setup.Fields.StartTls,
                User = setup.Fields.User,
                FromAddress = setup.Fields.FromAddress,
                FromName = setup.Fields.FromName,
                AccountSid = setup.Fields.AccountSid,
                FromNumber = setup.Fields.FromNumber,
            };

        /// <summary>The secret typed for the chosen provider, or null when left empty (keep the saved one).</summary>
        public string? NewSecret => (Provider switch
        {
            Providers.Smtp => Password,
            Providers.Resend => ApiKey,
            Providers.Twilio => AuthToken,
            _ => null,
        }) is { Length: > 0 } secret ? secret : null;

        /// <summary>The Resend webhook's signing secret as typed, or null when left empty (keep the saved one).</summary>
        public string? NewSigningSecret => Provider == Providers.Resend && SigningSecret is { Length: > 0 } secret ? secret.Trim() : null;

        /// <param name="publicAddress">The clinic's public address, which Twilio's delivery reports are sent back to.</param>
        public ChannelFields Fields(string publicAddress) => Provider switch
        {
            Providers.Smtp => new ChannelFields
            {
                Host = Host!.Trim(), Port = Number(Port), StartTls = StartTls, User = Blank(User), FromAddress = FromAddress!.Trim(), FromName = Blank(FromName),
            },
            Providers.Resend => new ChannelFields { FromAddress = FromAddress!.Trim(), FromName = Blank(FromName) },
            Providers.Twilio => new ChannelFields
            {
                AccountSid = AccountSid!.Trim(), FromNumber = FromNumber!.Trim(), StatusCallbackUrl = publicAddress + TwilioWebhooks.StatusPath,
            },
            _ => new ChannelFields(),
        };

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// Checks the chosen provider's fields only. An empty secret field is accepted only when it would keep the secret
    /// already stored for that provider (<see cref="Request.SavedSecretFor"/>). A mail server on a network the
    /// platform keeps clinics out of is refused here, by the addresses its name has now, and again at every connection
    /// (<see cref="OutboundAddresses"/>); run it with ValidateAsync.
    /// </summary>
    internal sealed partial class Validator : AbstractValidator<Request>
    {
        public const string HostNotReachable = "Clinic cannot connect to this address: it is on a private or local network. Enter your mail provider's public server name, e.g. smtp.example.com.";

        public Validator(OutboundAddresses outbound)
        {
            RuleFor(r => r.Provider).Must((r, p) => Providers.For(r.Kind).Contains(p ?? "", StringComparer.Ordinal))
                .WithMessage(r => $"Choose how {Title(r.Kind)} is sent: {string.Join(", ", Providers.For(r.Kind))}.");

            When(r => r.Provider == Providers.Smtp, () =>
            {
                RuleFor(r => r.Host).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Enter the mail server's host name, e.g. smtp.example.com.")
                    .SingleLine("Host", 253)
                    .Must(h => Uri.CheckHostName(h?.Trim()) != UriHostNameType.Unknown).WithMessage("Enter a host name or IP address without spaces or a scheme, e.g. smtp.example.com.")
                    .MustAsync(async (h, ct) => !await outbound.RefusesAsync(h!.Trim(), ct)).WithMessage(HostNotReachable);
                RuleFor(r => r.Port).Must(p => Number(p) is >= 1 and <= 65535).WithMessage("Port must be a number from 1 to 65535 (usually 587, or 25).");
                RuleFor(r => r.User).SingleLine("User name", 200);
                RuleFor(r => r.Password).Secret("Password", 200)
                    .Must((r, p) => !string.IsNullOrEmpty(p) || string.IsNullOrWhiteSpace(r.User) || r.SavedSecretFor == Providers.Smtp)
                    .WithMessage("Enter the password for this user name.");
                Sender();
            });

            When(r => r.Provider == Providers.Resend, () =>
            {
                RuleFor(r => r.ApiKey).Secret("API key", 200)
                    .Must((r, k) => !string.IsNullOrEmpty(k) || r.SavedSecretFor == Providers.Resend).WithMessage("Enter the Resend API key (it starts with re_).")
                    .Must(k => string.IsNullOrEmpty(k) || !k.Any(char.IsWhiteSpace)).WithMessage("The API key has no spaces; copy it again from Resend.");
                RuleFor(r => r.SigningSecret).Secret("Signing secret", 200)
                    .Must(s => string.IsNullOrWhiteSpace(s) || SvixSignature.IsWellFormed(s.Trim()))
                    .WithMessage("Paste the webhook's signing secret exactly as Resend shows it; it starts with whsec_.");
                Sender();
            });

            When(r => r.Provider == Providers.Twilio, () =>
            {
                RuleFor(r => r.AccountSid).Must(s => AccountSidFormat().IsMatch(s?.Trim() ?? ""))
                    .WithMessage("Enter the Account SID: AC followed by 32 letters and digits (0-9, a-f), as Twilio's console shows it.");
                RuleFor(r => r.AuthToken).Secret("Auth token", 200)
                    .Must((r, t) => !string.IsNullOrEmpty(t) || r.SavedSecretFor == Providers.Twilio).WithMessage("Enter the auth token from Twilio's console.")
                    .Must(t => string.IsNullOrEmpty(t) || !t.Any(char.IsWhiteSpace)).WithMessage("The auth token has no spaces; copy it again from Twilio.");
                RuleFor(r => r.FromNumber).Must(n => IsE164(n?.Trim()))
                    .WithMessage("Enter the sending number in international form with + and country code, e.g. +14155550100.");
            });
        }

        private void Sender()
        {
            RuleFor(r => r.FromAddress).NotEmpty().WithMessage("Enter the address messages come from, e.g. hello@yourclinic.com.")
                .EmailAddress().WithMessage("Enter a valid email address, e.g. hello@yourclinic.com.")
                .Must(a => System.Net.Mail.MailAddress.TryCreate(a?.Trim(), out _)).WithMessage("Enter a valid email address, e.g. hello@yourclinic.com.")
                .SingleLine("From address", 254);
            RuleFor(r => r.FromName).SingleLine("Sender name", 100);
        }
    }

    /// <summary>Twilio's Account SID: "AC" and 32 hexadecimal digits.</summary>
    [GeneratedRegex("^AC[0-9a-fA-F]{32}$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex AccountSidFormat();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex E164();

    public static bool IsE164(string? number) => number is not null && E164().IsMatch(number);

    /// <summary>A whole number as typed, or -1.</summary>
    public static int Number(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;

    internal sealed class Handler(UnitOfWork work, ChannelSettingsStore store, ITenantContext tenant)
    {
        public Task<IReadOnlyDictionary<ChannelKind, ChannelSetup>> LoadAsync(CancellationToken ct) => store.LoadAllAsync(ct);

        /// <summary>Stores a request the validator accepted, and audits it (the audit entry names the channel, never a secret).</summary>
        public Task SaveAsync(ChannelKind kind, Request request, string publicAddress, CancellationToken ct) =>
            work.RunAsync<bool>(
                async change =>
                {
                    await store.SaveAsync(change.Db, kind, request.Provider!, request.Fields(publicAddress), request.NewSecret, request.NewSigningSecret);
                    change.Audit(new AuditEntry(AuditAction(kind)) { RecordId = tenant.Required });
                    return true;
                },
                ct);
    }
}
