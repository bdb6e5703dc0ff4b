using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Contract.Hostile;

/// <summary>
/// Counts what the framework logs as an error (an unhandled exception in a handler, a crashed connection): the
/// hostile suite's "0 crashes". The apps' own error logs (a failed callback, say) are expected and not counted.
/// </summary>
public sealed class FrameworkErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _appErrors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Errors the apps log themselves (a refused callback URL, a crashed pipeline): reported, not asserted.</summary>
    public IReadOnlyCollection<string> AppErrors => _appErrors;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, FrameworkErrorLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Error) return;
            var queue = logLevel < LogLevel.Critical && !category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                ? owner._appErrors
                : owner._errors;
            queue.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }
    }
}
