using FakeRiver.Workflows;
using Microsoft.Extensions.Options;

namespace FakeRiver.Cli;

/// <summary>
/// Turns a bad setting or workflow file found at start-up into a clear message and exit code 2, instead of an
/// unhandled exception with a stack trace.
/// </summary>
public static class StartupErrors
{
    public const int BadInput = 2;

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
        AggregateException aggregate when aggregate.InnerExceptions.Count == 1 => Describe(aggregate.InnerExceptions[0]),
        _ => e.InnerException is { } inner ? Describe(inner) : null,
    };
}
