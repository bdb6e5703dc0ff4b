using Microsoft.Extensions.Options;

namespace FakeRiver.Phoenix;

/// <summary>Start-up checks of <see cref="PhoenixOptions"/>: a bad setting stops the host with a clear message.</summary>
internal sealed class PhoenixOptionsValidator : IValidateOptions<PhoenixOptions>
{
    public ValidateOptionsResult Validate(string? name, PhoenixOptions options)
    {
        var errors = new List<string>();
        const string prefix = PhoenixOptions.Section + ":";
        if (options.MaxFrameBytes <= 0) errors.Add($"{prefix}MaxFrameBytes must be positive.");
        if (options.IdleTimeout <= TimeSpan.Zero) errors.Add($"{prefix}IdleTimeout must be positive.");
        if (options.CloseGrace <= TimeSpan.Zero) errors.Add($"{prefix}CloseGrace must be positive.");
        if (options.SendTimeout <= TimeSpan.Zero) errors.Add($"{prefix}SendTimeout must be positive.");
        // Replays fill half the queue (PhoenixOutbox), so the frame limit needs room for at least two frames.
        if (options.MaxSendQueueFrames < 2) errors.Add($"{prefix}MaxSendQueueFrames must be at least 2.");
        if (options.MaxSendQueueBytes < 1024) errors.Add($"{prefix}MaxSendQueueBytes must be at least 1024.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
