using System.Net;
using System.Net.Mail;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>A clinic's own mail server, as a self-hosted clinic sets it up.</summary>
internal sealed record SmtpAccount(string Host, int Port, bool StartTls, string? User, string? Password, string FromAddress, string? FromName);

/// <summary>
/// Email through SMTP (System.Net.Mail; MailKit cannot be restored). The provider id is the Message-ID the mail goes
/// out with. SMTP keeps no record a client can query, so <see cref="FindSentAsync"/> cannot tell.
/// </summary>
internal sealed class SmtpChannel(SmtpAccount account, ChannelOptions options) : IMessageChannel
{
    public ChannelKind Kind => ChannelKind.Email;

    public string Provider => "smtp";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var messageId = $"<{message.MessageId:N}@{Domain(account.FromAddress)}>";
        using var mail = new MailMessage
        {
            From = new MailAddress(account.FromAddress, account.FromName),
            Subject = message.Subject ?? "",
            Body = message.Body,
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        mail.Headers.Add("Message-ID", messageId);
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mail.Headers.Add(MailHeaders.ListUnsubscribe, $"<{unsubscribe}>");
            mail.Headers.Add(MailHeaders.ListUnsubscribePost, MailHeaders.OneClick);
        }

        try
        {
            mail.To.Add(new MailAddress(message.To));
        }
        catch (FormatException)
        {
            return new SendResult.Permanent($"'{message.To}' is not an email address.");
        }

        using var smtp = new SmtpClient(account.Host, account.Port) { EnableSsl = account.StartTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(account.User))
            smtp.Credentials = new NetworkCredential(account.User, account.Password);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.AttemptTimeout);
        try
        {
            await smtp.SendMailAsync(mail, timeout.Token);
            return new SendResult.Accepted(messageId);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult.Transient($"The mail server {account.Host}:{account.Port} did not answer in time.");
        }
        catch (SmtpFailedRecipientException e)
        {
            return Classify(e.StatusCode, e.Message);
        }
        catch (SmtpException e)
        {
            return Classify(e.StatusCode, e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or InvalidOperationException)
        {
            return new SendResult.Transient(ProviderHttp.Shorten($"The mail server {account.Host}:{account.Port} failed: {e.Message}"));
        }
    }

    public Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult<SentCheck>(new SentCheck.Unknown("An SMTP server cannot say whether it received a message; check the mailbox before sending again."));

    // 4xx replies and connection failures pass; 5xx replies (unknown mailbox, refused sender, bad password) do not.
    private static SendResult Classify(SmtpStatusCode code, string text)
    {
        var error = ProviderHttp.Shorten($"{text} (SMTP {(int)code})");
        return (int)code >= 500 ? new SendResult.Permanent(error) : new SendResult.Transient(error);
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
