using FakeRiver.Workflows;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace FakeRiver.Cli;

/// <summary>
/// Turns a bad setting or workflow file found at start-up into a clear message and exit code 2, instead of an
/// unhandled exception with a stack trace.
/// </summary>
internal static class StartupErrors
{
    public const int BadInput = 2;

    /// <summary>
    /// The generic host logs a failed start with its stack trace before rethrowing; <see cref="GuardAsync"/> then
    /// reports it as one line, so the host's own lifecycle log stays quiet below Critical.
    /// </summary>
    public static void ReportOnce(WebApplicationBuilder builder) =>
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"FakeRiver cannot start: {message}");
            return BadInput;
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        OptionsValidationException options => string.Join(Environment.NewLine, options.Failures),
        WorkflowConfigException workflow => workflow.Message,
        FakeRiver.Cluster.RedisUnreachableException redis => redis.Message,
        // The configuration binder reports a value it cannot convert (e.g. TokenTtl=bogus) this way.
        InvalidOperationException { Message: var m } when m.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => m,
        // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use."
        IOException { InnerException: AddressInUseException } bind => bind.Message,
        // Kestrel on a malformed --urls: "Invalid url: 'notaurl'".
        FormatException { Message: var m } when m.StartsWith("Invalid url", StringComparison.Ordinal) => m,
        AggregateException aggregate when aggregate.InnerExceptions.Count == 1 => Describe(aggregate.InnerExceptions[0]),
        _ => e.InnerException is { } inner ? Describe(inner) : null,
    };
}
