using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Messaging.Channels;
using FluentValidation;

namespace Clinic.Modules.Messaging.Features.ChannelSettings;

/// <summary>
/// The owner sends one message through a saved channel to an address or number they type, at once and outside the
/// queue, and reads the provider's own answer: its message id, or its error text.
/// </summary>
internal static class SendTestMessage
{
    public static string AuditAction(ChannelKind kind) => $"messaging.channel.{kind.Name()}.tested";

    internal sealed class Request
    {
        /// <summary>The channel tested: the page's, never the form's.</summary>
        public ChannelKind Kind { get; set; }

        public string? To { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            When(r => r.Kind == ChannelKind.Email, () =>
            {
                RuleFor(r => r.To).NotEmpty().WithMessage("Enter the email address to send the test to.")
                    .EmailAddress().WithMessage("Enter a valid email address, e.g. you@yourclinic.com.")
                    .Must(a => System.Net.Mail.MailAddress.TryCreate(a?.Trim(), out _)).WithMessage("Enter a valid email address, e.g. you@yourclinic.com.")
                    .MaximumLength(254).WithMessage("The address must be at most 254 characters.");
            }).Otherwise(() =>
                RuleFor(r => r.To).Must(n => ChangeChannel.IsE164(n?.Trim()))
                    .WithMessage("Enter the mobile number in international form with + and country code, e.g. +923001234567."));
        }
    }

    /// <summary>What the provider said; <see cref="Sent"/> is false when nothing is set up or the provider refused.</summary>
    internal sealed record Outcome(bool Sent, string Text);

    internal sealed class Handler(IChannelDirectory channels, UnitOfWork work, ITenantContext tenant, TimeProvider time)
    {
        public async Task<Outcome> HandleAsync(ChannelKind kind, Request request, CancellationToken ct)
        {
            if (await channels.FindAsync(kind, ct) is not { } channel)
                return new Outcome(false, $"{ChangeChannel.Title(kind)} is not set up, so nothing was sent.");

            var id = Guid.CreateVersion7();
            var message = new OutgoingMessage(
                id, $"channel-test/{id}", kind, request.To!.Trim(), "Test message from Clinic",
                "This is a test message from Clinic. If you can read it, this channel works.", UnsubscribeUrl: null, time.GetUtcNow());
            var result = await channel.SendAsync(message, ct);
            var outcome = result switch
            {
                SendResult.Accepted accepted => new Outcome(true, $"Sent through {channel.Provider}. Provider's message id: {accepted.ProviderMessageId}"),
                SendResult.Transient transient => new Outcome(false, $"Not sent ({channel.Provider}, try again later): {transient.Error}"),
                SendResult.Permanent permanent => new Outcome(false, $"Not sent ({channel.Provider}): {permanent.Error}"),
                _ => new Outcome(false, "Not sent."),
            };

            // Recorded after the send, which is no database work and must not run again with a retried transaction.
            await work.RunAsync<bool>(
                change =>
                {
                    change.Audit(new AuditEntry(AuditAction(kind), outcome.Sent ? AuditOutcome.Success : AuditOutcome.Failure) { RecordId = tenant.Required });
                    return Task.FromResult<Outcome<bool>>(true);
                },
                ct);
            return outcome;
        }
    }
}
