using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Clinic.Testing;

/// <summary>
/// Everything the app logs, as a log store would keep it: the message, its structured values, the scopes around it
/// (request path, trace id) and the exception, one entry per line, for tests that search what the logs give away.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Describe(object? values) => values is IEnumerable<KeyValuePair<string, object?>> pairs
        ? string.Join(", ", pairs.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")))
        : Convert.ToString(values, CultureInfo.InvariantCulture) ?? "";

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{logLevel} {category}: {formatter(state, exception)} [{Describe(state)}]");
            logs._scopes.ForEachScope((scope, text) => text.Append(" scope: ").Append(Describe(scope)), entry);
            if (exception is not null)
                entry.Append('\n').Append(exception);
            logs._entries.Enqueue(entry.ToString());
        }
    }
}
