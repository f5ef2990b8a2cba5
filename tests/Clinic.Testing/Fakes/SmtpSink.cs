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

    // RFC 2047 encoded words, as System.Net.Mail writes non-ASCII subjects and names.
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
/// receives in a Maildir that tests read back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
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
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder, "Maildir") },
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
