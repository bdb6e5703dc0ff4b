using System.Net;
using System.Net.Sockets;
using System.Reflection;
using FakeRiver;

namespace Contract.Cli;

/// <summary>The <c>fakeriver</c> command line, run as a real process: help, version, usage errors, start-up failures.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_RootCommand_ExitsZeroAndListsCommandsOptionsAndPassThrough()
    {
        var help = await ToolProcess.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var text in new[] { "serve", "dev", "run <scenarios>", "--urls <url>", "--config <file>", "--environment <name>", "--version", "--FakeRiver:Seed=7" })
            Assert.Contains(text, help.Stdout);
        Assert.Equal("", help.Stderr);
    }

    [Fact]
    public async Task Help_RunCommand_DescribesEveryRunOption()
    {
        var help = await ToolProcess.RunAsync("run", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "<scenarios>", "--filter", "--seed", "--junit", "--out", "--backend", "--backend-cmd", "--river-port", "--chat-route", "--chat-field-map" })
            Assert.Matches($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(option)}\s.*\S", help.Stdout);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("dev")]
    public async Task Help_HostCommand_DescribesConfigurationPassThrough(string command)
    {
        var help = await ToolProcess.RunAsync(command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--urls <url>", help.Stdout);
        Assert.Contains("--FakeRiver:Seed=7", help.Stdout);
    }

    [Fact]
    public async Task Version_Flag_PrintsThePackageVersion()
    {
        var version = typeof(FakeRiverEntry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var result = await ToolProcess.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(version, result.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
    }

    [Fact]
    public async Task UnknownCommand_AnyPlace_ExitsTwoWithUsageOnStderr()
    {
        var result = await ToolProcess.RunAsync("bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'bogus'", result.Stderr);
        Assert.Contains("Usage:", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("serve", "--nope")]
    [InlineData("dev", "--nope")]
    [InlineData("run", "scenarios", "--nope")]
    [InlineData("--nope")]
    [InlineData("--urls", "http://127.0.0.1:0", "--nope", "7")]
    public async Task UnknownOption_AnyCommand_ExitsTwoWithUsageOnStderr(params string[] args)
    {
        var result = await ToolProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--nope'", result.Stderr);
        Assert.Contains("Usage:", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--seed", "x", "--seed expects a non-negative integer, got 'x'")]
    [InlineData("--seed", "-1", "--seed expects a non-negative integer, got '-1'")]
    [InlineData("--river-port", "5081", "--river-port goes with --backend")]
    [InlineData("--backend", "http://example.com", "--backend expects an http URL on 127.0.0.1 or localhost")]
    public async Task Run_BadOption_ExitsTwoNamingTheProblem(string option, string value, string message)
    {
        var result = await ToolProcess.RunAsync("run", "scenarios", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Theory]
    [InlineData("--FakeRiver:TokenTtl=bogus")]
    [InlineData("--FakeRiver:TokenTtl", "bogus")]
    [InlineData("--contentRoot=.", "--WEBHOOK_SECRET=s3cret", "--FakeRiver:TokenTtl=bogus")]
    public async Task BadSetting_PassedThrough_ExitsTwoWithOneLineAndNoStackTrace(params string[] setting)
    {
        var result = await ToolProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0", .. setting]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FakeRiver cannot start:", line);
        Assert.Contains("FakeRiver:TokenTtl", line);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task PortInUse_Serve_ExitsTwoWithOneLineAndNoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await ToolProcess.RunAsync("--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"FakeRiver cannot start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", line);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
    }
}
