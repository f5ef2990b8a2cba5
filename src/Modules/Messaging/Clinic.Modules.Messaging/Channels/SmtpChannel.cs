using System.Net;
using System.Net.Sockets;
using Clinic.BuildingBlocks.Security;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>A clinic's own mail server, as a self-hosted clinic sets it up.</summary>
internal sealed record SmtpAccount(string Host, int Port, bool StartTls, string? User, string? Password, string FromAddress, string? FromName);

/// <summary>
/// Email through SMTP (MailKit). Clinic looks the server's name up itself, checks every address against
/// <see cref="OutboundAddresses"/> and connects to a checked one, while TLS still validates the certificate against the
/// name: a name that changes its answer between the check and the connection (DNS rebinding) cannot slip past. What
/// the server says is never repeated to the clinic, only what kind of failure it was, so the test button cannot read
/// banners off the platform's network (ADR 0019). The provider id is the Message-ID, the same on every attempt.
/// </summary>
internal sealed class SmtpChannel(SmtpAccount account, ChannelOptions options, OutboundAddresses outbound) : IMessageChannel
{
    public const string CouldNotConnect = "Could not connect to the SMTP server. Check the host name, the port and the STARTTLS setting.";
    public const string NotReachable = "The SMTP server's address is on a private or local network, which this service does not connect to. Use your mail provider's public server name.";
    public const string SignInRefused = "The SMTP server refused the sign-in. Check the user name and password.";
    private const string NoAnswer = "The SMTP server did not answer in time.";
    private const string ConnectionLost = "The connection to the SMTP server broke off.";

    private enum Stage
    {
        Connecting,
        SigningIn,
        Sending,
    }

    public ChannelKind Kind => ChannelKind.Email;

    public string Provider => "smtp";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!MailboxAddress.TryParse(message.To, out var to))
            return new SendResult.Permanent($"'{message.To}' is not an email address.");
        if (!MailboxAddress.TryParse(account.FromAddress, out var from))
            return new SendResult.Permanent("The From address saved for this channel is not an email address.");

        var messageId = $"{message.MessageId:N}@{from.Domain}";
        using var mail = Mail(message, new MailboxAddress(account.FromName, from.Address), to, messageId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.AttemptTimeout);
        // As System.Net.Mail did: an OCSP responder Clinic cannot reach must not hold back every reminder.
        using var smtp = new SmtpClient { Timeout = (int)options.AttemptTimeout.TotalMilliseconds, CheckCertificateRevocation = false };
        Socket? socket = null;
        var stage = Stage.Connecting;
        try
        {
            switch (await outbound.ResolveAsync(account.Host, timeout.Token))
            {
                case OutboundLookup.Refused:
                    return new SendResult.Permanent(NotReachable);
                case OutboundLookup.Allowed allowed:
                    socket = await OpenAsync(allowed.Addresses, account.Port, timeout.Token);
                    break;
            }

            if (socket is null)
                return new SendResult.Transient(CouldNotConnect);
            await smtp.ConnectAsync(socket, account.Host, account.Port, Security(), timeout.Token);

            stage = Stage.SigningIn;
            if (!string.IsNullOrEmpty(account.User))
                await smtp.AuthenticateAsync(account.User, account.Password ?? "", timeout.Token);

            stage = Stage.Sending;
            await smtp.SendAsync(mail, timeout.Token);
            await QuitAsync(smtp);
        }
        catch (Exception e) when (Failure(e, stage, ct) is { } failure)
        {
            return failure;
        }
        finally
        {
            socket?.Dispose();
        }

        return new SendResult.Accepted($"<{messageId}>");
    }

    public Task<SentCheck> FindSentAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult<SentCheck>(new SentCheck.CannotTell());

    private static MimeMessage Mail(OutgoingMessage message, MailboxAddress from, MailboxAddress to, string messageId)
    {
        var mail = new MimeMessage
        {
            MessageId = messageId,
            Date = message.AttemptStartedAt,
            Subject = message.Subject ?? "",
            Body = new TextPart(TextFormat.Plain) { Text = message.Body },
        };
        mail.From.Add(from);
        mail.To.Add(to);
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mail.Headers.Add(MailHeaders.ListUnsubscribe, $"<{unsubscribe}>");
            mail.Headers.Add(MailHeaders.ListUnsubscribePost, MailHeaders.OneClick);
        }

        return mail;
    }

    // Port 465 speaks TLS from the first byte; other ports upgrade with STARTTLS, which must then be offered.
    private SecureSocketOptions Security() => account.StartTls
        ? account.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls
        : SecureSocketOptions.None;

    /// <summary>A connected socket to the first checked address that answers, or null when none does.</summary>
    private static async Task<Socket?> OpenAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken ct)
    {
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                throw;
            }
        }

        return null;
    }

    // The server took the mail when it answered the data; a goodbye that fails changes nothing.
    private static async Task QuitAsync(SmtpClient smtp)
    {
        try
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or TimeoutException or OperationCanceledException)
        {
            // The socket is closed by the caller either way.
        }
    }

    /// <summary>
    /// What a failure means, in Clinic's words only: before the server greeted properly every failure reads alike, so
    /// a closed port, an open one that speaks another protocol and a timeout cannot be told apart. Null for the host
    /// shutting down and for anything unexpected, which the dispatcher handles.
    /// </summary>
    private static SendResult? Failure(Exception e, Stage stage, CancellationToken ct)
    {
        if (e is OperationCanceledException && ct.IsCancellationRequested)
            return null;
        return (stage, e) switch
        {
            (Stage.Connecting, SocketException or IOException or SmtpProtocolException or SmtpCommandException or SslHandshakeException or NotSupportedException
                or OperationCanceledException or TimeoutException) => new SendResult.Transient(CouldNotConnect),
            (Stage.SigningIn, MailKit.Security.AuthenticationException or NotSupportedException) => new SendResult.Permanent(SignInRefused),
            (Stage.SigningIn, SmtpCommandException command) => Refused(command, "refused the sign-in. Check the user name and password"),
            (Stage.Sending, SmtpCommandException command) => Refused(command, command.ErrorCode switch
            {
                SmtpErrorCode.RecipientNotAccepted => "refused the recipient's address",
                SmtpErrorCode.SenderNotAccepted => "refused the sender's address",
                _ => "refused the message",
            }),
            (_, OperationCanceledException or TimeoutException) => new SendResult.Transient(NoAnswer),
            (_, SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException) => new SendResult.Transient(ConnectionLost),
            _ => null,
        };
    }

    // 4xx replies pass and are retried; 5xx replies (unknown mailbox, refused sender, bad password) do not. Only the
    // code is kept: the server's own text could carry anything it likes.
    private static SendResult Refused(SmtpCommandException command, string what)
    {
        var code = (int)command.StatusCode;
        var error = $"The SMTP server {what} (SMTP {code}).";
        return code >= 500 ? new SendResult.Permanent(error) : new SendResult.Transient(error);
    }
}
