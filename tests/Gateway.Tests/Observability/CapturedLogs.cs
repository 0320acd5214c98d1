using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Gateway.Tests.Observability;

/// <summary>A logger provider that keeps every entry with the scopes it was written under, as a console formatter sees them.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<Entry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>
    /// An entry: its category, message, the named values of its scopes (the last scope wins a repeated name), and the
    /// scopes themselves, outermost first.
    /// </summary>
    public sealed record Entry(string Category, string Message, IReadOnlyDictionary<string, string?> Scope, IReadOnlyList<object?> Scopes);

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>();
            var scopes = new List<object?>();
            owner._scopes.ForEachScope(
                (value, _) =>
                {
                    scopes.Add(value);
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (name, item) in pairs)
                        {
                            scope[name] = item?.ToString();
                        }
                    }
                },
                (object?)null);
            owner._entries.Enqueue(new Entry(category, formatter(state, exception), scope, scopes));
        }
    }
}
