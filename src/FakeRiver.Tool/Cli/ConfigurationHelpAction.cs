using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FakeRiver.Cli;

/// <summary>
/// The standard --help, plus a "Configuration" section for the commands that pass ASP.NET Core configuration
/// through (see <see cref="HostArguments"/>), which the parser cannot list as options.
/// </summary>
internal sealed class ConfigurationHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standard.Invoke(parseResult);
        if (!parseResult.CommandResult.Command.TreatUnmatchedTokensAsErrors)
            parseResult.InvocationConfiguration.Output.WriteLine(HostArguments.PassThroughHelp);
        return exitCode;
    }
}
