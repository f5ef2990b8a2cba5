using System.Globalization;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Messaging.Channels;
using Clinic.Testing;
using Clinic.Testing.Fakes;
using Xunit;

namespace Clinic.Host.Tests.Messaging.Providers;

/// <summary>
/// What the owner reads after a failed test email: Clinic's words for the kind of failure, never the server's own. A
/// closed port reads exactly like one that answers with another service's banner, so the button cannot map a network.
/// </summary>
public abstract class SmtpErrorTextTests(ChannelClinic fixture)
{
    [Fact]
    public async Task A_port_that_speaks_another_protocol_reads_like_a_closed_one_and_its_banner_is_never_shown()
    {
        await using var ssh = TalkingPort.Start("SSH-2.0-OpenSSH_9.2p1 Debian-2 db-internal-7", _ => null);
        using var owner = await fixture.OwnerAsync();

        var banner = await TestEmailAsync(owner, ssh.Port);
        var closed = await TestEmailAsync(owner, SmtpSink.FreePort());

        Assert.Equal(closed, banner);
        Assert.Contains(SmtpChannel.CouldNotConnect, banner, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenSSH", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("db-internal-7", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_sign_in_is_named_in_clinics_words_without_the_servers_greeting_or_reply()
    {
        await using var server = TalkingPort.Start("220 mx.internal.example ESMTP build-4471", RefusingSignIn);
        using var owner = await fixture.OwnerAsync();

        var result = await TestEmailAsync(owner, server.Port, user: "clinic", password: "mail-secret");

        Assert.Contains(SmtpChannel.SignInRefused, result, StringComparison.Ordinal);
        Assert.DoesNotContain("build-4471", result, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", result, StringComparison.Ordinal);
        Assert.DoesNotContain("mail-secret", result, StringComparison.Ordinal);
    }

    // A mail server that offers a sign-in and refuses it with words of its own.
    private static string? RefusingSignIn(string line) => line.Split(' ') switch
    {
        ["EHLO", ..] => "250-mx.internal.example greets you\r\n250 AUTH PLAIN LOGIN",
        ["AUTH", _] => "334 ",
        ["QUIT"] => "221 mx.internal.example closing",
        _ => "535 5.7.8 internal-token 7f3a refused for clinic",
    };

    private static async Task<string> TestEmailAsync(ClinicClient owner, int port, string user = "", string password = "")
    {
        var saved = await owner.SaveAsync(
            "email",
            ("Email.Provider", "smtp"),
            ("Email.Host", SmtpSink.Host),
            ("Email.Port", port.ToString(CultureInfo.InvariantCulture)),
            ("Email.User", user),
            ("Email.Password", password),
            ("Email.FromAddress", "hello@glow.example"));
        Assert.True(saved.IsRedirect(), $"saving answered {(int)saved.StatusCode}");

        var tested = await owner.SendTestAsync("email", "TestEmail", "sana@example.test");
        return (await tested.PageAsync()).QuerySelector("#test-email-result")!.TextContent.Trim();
    }
}

public sealed class SmtpErrorTextTests_on_Sqlite(ChannelClinicOnSqlite fixture) : SmtpErrorTextTests(fixture), IClassFixture<ChannelClinicOnSqlite>;

public sealed class SmtpErrorTextTests_on_Postgres(ChannelClinicOnPostgres fixture) : SmtpErrorTextTests(fixture), IClassFixture<ChannelClinicOnPostgres>;
