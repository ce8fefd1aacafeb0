using System.Diagnostics;

namespace EgiszBus.TestKit;

/// <summary>Runs an outside program and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>The outcome of one run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>Both streams, for assertion messages.</summary>
        public string Output => StandardOutput + StandardError;
    }

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and waits up to <paramref name="timeout"/>.</summary>
    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time");
        }

        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs and throws with the output when the exit code is not 0.</summary>
    public static Result RunChecked(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var result = Run(fileName, arguments, timeout, environment, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited {result.ExitCode}: {result.Output}");
        }

        return result;
    }
}
