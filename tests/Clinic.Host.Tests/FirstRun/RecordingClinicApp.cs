using System.Collections.Concurrent;
using Clinic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Clinic.Host.Tests.FirstRun;

/// <summary>Clinic with its log kept in memory, so tests can read what an operator would see in the console.</summary>
public sealed class RecordingClinicApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) : ClinicApp(database, settings)
{
    public RecordedLog Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }
}

/// <summary>Every formatted log line, in order.</summary>
public sealed class RecordedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(_lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                lines.Enqueue(formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception));
        }
    }
}
