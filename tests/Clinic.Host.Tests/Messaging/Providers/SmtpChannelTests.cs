using Clinic.Modules.Messaging.Channels;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>Email through SMTP, received by Debian's real SMTP server (aiosmtpd).</summary>
public sealed class SmtpChannelTests
{
    [Fact]
    public async Task A_confirmation_arrives_with_its_recipient_and_subject_and_no_unsubscribe_header()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var message = ProviderChannels.Message(ChannelKind.Email, "sana@example.test") with { Subject = "Appointment confirmed: Tue 9 Mar, 10:00" };

        var result = await Channel(smtp.Port).SendAsync(message, default);

        var mail = await smtp.WaitForAsync(m => m.Subject == message.Subject);
        Assert.Equal("sana@example.test", mail.To);
        Assert.Contains("Glow Clinic", mail.Header("From"), StringComparison.Ordinal);
        Assert.Null(mail.Header("List-Unsubscribe"));
        Assert.Equal(message.Body, mail.Body.TrimEnd());
        Assert.Equal(new SendResult.Accepted(mail.Header("Message-ID")!), result);
    }

    [Fact]
    public async Task Marketing_mail_arrives_with_one_click_unsubscribe_headers()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var message = ProviderChannels.Message(ChannelKind.Email, "hira@example.test", unsubscribe: "https://glow.example/unsubscribe/xyz789") with { Subject = "Summer skin offers" };

        await Channel(smtp.Port).SendAsync(message, default);

        var mail = await smtp.WaitForAsync(m => m.Subject == "Summer skin offers");
        Assert.Equal("hira@example.test", mail.To);
        Assert.Equal("<https://glow.example/unsubscribe/xyz789>", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
    }

    [Fact]
    public async Task An_unreachable_server_is_transient_and_smtp_cannot_say_whether_a_mail_was_sent()
    {
        var channel = Channel(SmtpSink.FreePort());
        var message = ProviderChannels.Message(ChannelKind.Email, "sana@example.test");

        var result = await channel.SendAsync(message, default);
        var check = await channel.FindSentAsync(message, default);

        Assert.IsType<SendResult.Transient>(result);
        Assert.IsType<SentCheck.Unknown>(check);
    }

    [Fact]
    public async Task An_address_that_is_not_one_is_permanent()
    {
        await using var smtp = await SmtpSink.StartAsync();

        var result = await Channel(smtp.Port).SendAsync(ProviderChannels.Message(ChannelKind.Email, "not an address"), default);

        Assert.Contains("not an email address", Assert.IsType<SendResult.Permanent>(result).Error, StringComparison.Ordinal);
        Assert.Empty(smtp.Received());
    }

    private static SmtpChannel Channel(int port) =>
        new(new SmtpAccount(SmtpSink.Host, port, StartTls: false, User: null, Password: null, "hello@glow.example", "Glow Clinic"), ProviderChannels.Options());
}
