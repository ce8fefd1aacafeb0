using System.Diagnostics;
using System.Text;

namespace EgiszBus.IntegrationTests;

/// <summary>The <c>egiszbus</c> executable as a child process (for crash tests and whole-program runs).</summary>
public sealed class HubProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HubProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>True once the process ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code (after <see cref="WaitForExit"/>).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>dotnet egiszbus.dll</c> with <paramref name="arguments"/>.</summary>
    public static HubProcess Start(IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "egiszbus.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new HubProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start egiszbus"));
    }

    /// <summary>SIGKILL: no shutdown code runs, in-flight work is cut off.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Waits for the process to end.</summary>
    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
