using Clinic.BuildingBlocks.Security;
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

        Assert.Equal(new SendResult.Transient(SmtpChannel.CouldNotConnect), result);
        Assert.IsType<SentCheck.CannotTell>(check);
    }

    [Fact]
    public async Task Sending_the_same_message_again_repeats_its_message_id_so_a_second_copy_is_recognisably_the_same_mail()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var message = ProviderChannels.Message(ChannelKind.Email, "zara@example.test");

        var first = await Channel(smtp.Port).SendAsync(message, default);
        var again = await Channel(smtp.Port).SendAsync(message with { AttemptStartedAt = message.AttemptStartedAt.AddMinutes(3) }, default);

        await smtp.WaitForAsync(m => m.To == "zara@example.test");
        var ids = smtp.Received().Where(m => m.To == "zara@example.test").Select(m => m.Header("Message-ID")).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
        Assert.Equal(new SendResult.Accepted(ids[0]!), first);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task In_the_saas_edition_a_name_that_resolves_to_loopback_is_refused_at_connect_time_and_nothing_is_sent()
    {
        await using var smtp = await SmtpSink.StartAsync();
        var guarded = new OutboundAddresses(guarded: true, []);
        var channel = new SmtpChannel(new SmtpAccount("localhost", smtp.Port, StartTls: false, User: null, Password: null, "hello@glow.example", null), ProviderChannels.Options(), guarded);

        var result = await channel.SendAsync(ProviderChannels.Message(ChannelKind.Email, "sana@example.test"), default);

        Assert.Equal(new SendResult.Permanent(SmtpChannel.NotReachable), result);
        Assert.Empty(smtp.Received());
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
        new(new SmtpAccount(SmtpSink.Host, port, StartTls: false, User: null, Password: null, "hello@glow.example", "Glow Clinic"), ProviderChannels.Options(), new OutboundAddresses(guarded: false, []));
}
