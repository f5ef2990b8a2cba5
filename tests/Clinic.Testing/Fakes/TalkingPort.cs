using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clinic.Testing.Fakes;

/// <summary>
/// A TCP port on 127.0.0.1 that greets each connection with a line and answers each line it receives with
/// <c>reply</c> (nothing when it returns null): enough to stand in for an internal service an attacker would probe
/// (an SSH banner) or for a mail server that refuses a sign-in with words of its own.
/// </summary>
public sealed class TalkingPort : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _greeting;
    private readonly Func<string, string?> _reply;
    private readonly Task _serving;

    private TalkingPort(string greeting, Func<string, string?> reply)
    {
        _greeting = greeting;
        _reply = reply;
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TalkingPort Start(string greeting, Func<string, string?> reply) => new(greeting, reply);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = TalkAsync(client);
        }
    }

    private async Task TalkAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync(_greeting);
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (_reply(line) is { } answer)
                        await writer.WriteLineAsync(answer);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up, or the port is closing.
            }
        }
    }
}
