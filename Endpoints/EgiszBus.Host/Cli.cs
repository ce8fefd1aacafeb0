using System.CommandLine;

namespace EgiszBus.Host;

/// <summary>The <c>egiszbus</c> command line: hosting endpoints and the tools.</summary>
public static class Cli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("EgiszBus: integration hub between medical information systems and EGISZ");
        return root.Parse(args).InvokeAsync();
    }
}
