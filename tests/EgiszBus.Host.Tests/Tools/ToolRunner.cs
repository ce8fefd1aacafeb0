using System.CommandLine;
using EgiszBus.Host.Tools;

namespace EgiszBus.Host.Tests.Tools;

/// <summary>Runs the verify/sign commands in-process under a root command of their own, capturing output and errors.</summary>
internal static class ToolRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("test") { VerifyCommand.Create(), SignCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
