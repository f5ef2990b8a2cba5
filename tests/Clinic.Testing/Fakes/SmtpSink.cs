using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Clinic.Testing.Fakes;

/// <summary>A mail as the SMTP server stored it: its headers (unfolded, encoded words decoded), its text body and raw text.</summary>
public sealed partial record ReceivedMail(IReadOnlyDictionary<string, string> Headers, string Body, string Raw)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public string? To => Header("To");

    public string? Subject => Header("Subject");

    public static ReceivedMail Parse(string raw)
    {
        var parts = raw.ReplaceLineEndings("\n").Split("\n\n", 2);
        var head = parts[0];
        var unfolded = Regex.Replace(head, @"\n[ \t]+", " ", RegexOptions.None, TimeSpan.FromSeconds(1));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in unfolded.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                headers.TryAdd(line[..colon].Trim(), Decode(line[(colon + 1)..].Trim()));
        }

        var body = parts.Length > 1 ? parts[1] : "";
        body = headers.GetValueOrDefault("Content-Transfer-Encoding")?.ToLowerInvariant() switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n')))),
            "quoted-printable" => QuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal), underscoreIsSpace: false),
            _ => body,
        };
        return new ReceivedMail(headers, body, raw);
    }

    // RFC 2047 encoded words, as MimeKit writes non-ASCII subjects and names.
    private static string Decode(string value) => EncodedWord().Replace(value, m =>
    {
        var charset = Encoding.GetEncoding(m.Groups["charset"].Value);
        var text = m.Groups["text"].Value;
        return m.Groups["encoding"].Value is "B" or "b" ? charset.GetString(Convert.FromBase64String(text)) : QuotedPrintable(text, underscoreIsSpace: true, charset);
    });

    private static string QuotedPrintable(string text, bool underscoreIsSpace, Encoding? charset = null)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(underscoreIsSpace && text[i] == '_' ? " " : text[i].ToString()));
            }
        }

        return (charset ?? Encoding.UTF8).GetString([.. bytes]);
    }

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EncodedWord();
}

/// <summary>
/// Debian's real SMTP server (python3-aiosmtpd, installed by test.sh) on 127.0.0.1 and a free port, storing what it
/// receives in a Maildir that tests read back. A test can make it stop answering (<see cref="HoldAnswersAfter"/>),
/// the way a mail server's reply is lost when the sending host dies.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    // aiosmtpd's Maildir handler, told through the file "hold" how many more mails to answer; after those, each mail
    // hangs unanswered, and every other one is stored first, as a server that had taken it before the crash would have.
    private const string Handler = """
        import asyncio
        import os
        from aiosmtpd.handlers import Mailbox


        class Sink(Mailbox):
            def __init__(self, folder):
                super().__init__(os.path.join(folder, "Maildir"))
                self.hold = os.path.join(folder, "hold")
                self.held = os.path.join(folder, "held")
                os.makedirs(self.held, exist_ok=True)

            async def handle_DATA(self, server, session, envelope):
                if os.path.exists(self.hold):
                    with open(self.hold) as f:
                        left = int(f.read() or "0")
                    if left <= 0:
                        count = len(os.listdir(self.held)) + 1
                        if count % 2 == 1:
                            self.handle_message(self.prepare_message(session, envelope))
                        open(os.path.join(self.held, str(count)), "w").close()
                        await asyncio.sleep(3600)
                        return "451 4.3.0 no answer"
                    with open(self.hold, "w") as f:
                        f.write(str(left - 1))
                return await super().handle_DATA(server, session, envelope)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])
        """;
    private readonly Process _server;
    private readonly string _folder;

    private SmtpSink(Process server, string folder, int port)
    {
        _server = server;
        _folder = folder;
        Port = port;
    }

    public static string Host => "127.0.0.1";

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clinic-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "clinic_sink.py"), Handler);
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "clinic_sink.Sink", folder },
            Environment = { ["PYTHONPATH"] = folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var sink = new SmtpSink(server, folder, port);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (server.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited: {await server.StandardError.ReadToEndAsync()} (is python3-aiosmtpd installed? test.sh installs it)");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await sink.DisposeAsync();
        throw new TimeoutException("aiosmtpd did not start listening within 20 seconds.");
    }

    /// <summary>How many mails the server has held unanswered since <see cref="HoldAnswersAfter"/>.</summary>
    public int Held => Directory.Exists(Path.Combine(_folder, "held")) ? Directory.GetFiles(Path.Combine(_folder, "held")).Length : 0;

    /// <summary>
    /// Answers <paramref name="answered"/> more mails as usual, then leaves every later one unanswered for an hour; the
    /// first, third, fifth… held mail is stored all the same (the server took it, its reply was lost), the others not.
    /// </summary>
    public void HoldAnswersAfter(int answered) =>
        File.WriteAllText(Path.Combine(_folder, "hold"), answered.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Answers every mail from now on; connections already held stay held.</summary>
    public void AnswerAgain() => File.Delete(Path.Combine(_folder, "hold"));

    /// <summary>Every mail received so far.</summary>
    public IReadOnlyList<ReceivedMail> Received()
    {
        var mails = new List<ReceivedMail>();
        foreach (var box in (string[])["new", "cur"])
        {
            var path = Path.Combine(_folder, "Maildir", box);
            if (Directory.Exists(path))
                mails.AddRange(Directory.GetFiles(path).Select(f => ReceivedMail.Parse(File.ReadAllText(f))));
        }

        return mails;
    }

    /// <summary>The first received mail that matches, waiting up to ten seconds for it to arrive.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Received().FirstOrDefault(match) is { } mail)
                return mail;
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"No matching mail arrived; received {Received().Count}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A port nothing listens on right now (the OS picks it), for a server that cannot be told to pick its own.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
