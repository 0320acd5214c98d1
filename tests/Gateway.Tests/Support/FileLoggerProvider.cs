using Microsoft.Extensions.Logging;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// Appends the test server's warnings and errors to a file (<c>GRAINMARKET_TEST_LOG</c>, default
/// <c>gateway-tests.log</c> in the temp folder), so a 500 seen by a test can be traced to its exception.
/// </summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly Lock _sync = new();

    public static string DefaultPath => Environment.GetEnvironmentVariable("GRAINMARKET_TEST_LOG") is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "gateway-tests.log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_sync)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.AppendAllText(path, line);
        }
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write($"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}\n{exception}\n");
            }
        }
    }
}
