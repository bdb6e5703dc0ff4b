using System.CommandLine;

namespace FakeRiver.Cli;

/// <summary>
/// The options of <c>serve</c> and <c>dev</c> that belong to ASP.NET Core: --urls, --config, --environment and any
/// configuration key written as <c>--Key=value</c> (or <c>--Section:Key value</c>). They are handed to the
/// host's command-line configuration unchanged, so everything that worked as ASP.NET Core arguments still does.
/// </summary>
internal static class HostArguments
{
    public static readonly Option<string> Urls = new("--urls")
    {
        Description = $"Where to listen, e.g. http://127.0.0.1:0 for a free port (ASP.NET Core's --urls; default {DevDefaults.Url}).",
        HelpName = "url",
    };

    public static readonly Option<string> Config = new("--config")
    {
        Description = "A workflow YAML file (providers, models, structured outputs) instead of the embedded defaults; also FAKERIVER_CONFIG.",
        HelpName = "file",
    };

    public static readonly Option<string> Environment = new("--environment")
    {
        Description = "The ASP.NET Core environment name (Development, Production, ...).",
        HelpName = "name",
    };

    /// <summary>Shown under the options in --help for the commands that take configuration.</summary>
    public const string PassThroughHelp = """
        Configuration:
          Any ASP.NET Core configuration key passes through as --Key=value or --Section:Key value, e.g.
          --FakeRiver:Seed=7, --FakeRiver:TokenTtl=00:10:00, --WEBHOOK_SECRET=s3cret, --Logging:LogLevel:Default=Warning.
          Environment: MODELRIVER_API_KEY, WEBHOOK_SECRET, FAKERIVER_CONFIG, ASPNETCORE_URLS (dev: PORT for ChatBackend).
        """;

    /// <summary>Adds the options to <paramref name="command"/> and lets configuration keys through the parser.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Urls);
        command.Options.Add(Config);
        command.Options.Add(Environment);
        // Configuration keys are open-ended, so the parser leaves them unmatched and Error accepts exactly the
        // --Key=value and --Section:Key forms; anything else is still an unknown command or option.
        command.TreatUnmatchedTokensAsErrors = false;
    }

    /// <summary>Why the unmatched tokens are not configuration keys, or null when they all are.</summary>
    public static string? Error(ParseResult parse) => PassThrough(parse.UnmatchedTokens).Error;

    /// <summary>The arguments for <c>WebApplication.CreateBuilder</c>: the options given, then the configuration keys.</summary>
    public static string[] For(ParseResult parse)
    {
        var args = new List<string>();
        foreach (var option in new[] { Urls, Config, Environment })
            if (parse.GetValue(option) is { } value) args.AddRange([option.Name, value]);
        args.AddRange(PassThrough(parse.UnmatchedTokens).Args);
        return [.. args];
    }

    // "--key=value" sets any key, as ASP.NET Core reads it (WebApplicationFactory starts the entry point with
    // --contentRoot=..., --WEBHOOK_SECRET=... and the like); "--Section:Key value" needs the colon to be told apart
    // from a mistyped option followed by an argument.
    private static (List<string> Args, string? Error) PassThrough(IReadOnlyList<string> tokens)
    {
        var args = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : "";
            var assigns = key.Length > 0 && token.Length > key.Length + 2;
            if (key.Length == 0 || key.StartsWith(':') || key.EndsWith(':') || (!assigns && !key.Contains(':', StringComparison.Ordinal)))
                return (args, $"Unrecognized command or argument '{token}'.");
            args.Add(token);
            if (assigns) continue;
            if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                return (args, $"{token} needs a value (--Section:Key=value).");
            args.Add(tokens[++i]);
        }
        return (args, null);
    }
}
