using System.CommandLine;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EgiszBus.Host.Bench;

/// <summary>
/// <c>egiszbus bench signatures</c>: runs <see cref="SignatureBenchmarks"/> with BenchmarkDotNet in this process
/// (<see cref="InProcessEmitToolchain"/>, no rebuild) and prints BenchmarkDotNet's summary (Ratio to the RSA SignedCms baseline)
/// and verifications/s per core. Needs a Release build (<c>dotnet run -c Release</c>): BenchmarkDotNet refuses a Debug one.
/// Exit 0 done, 1 setup or validation error.
/// </summary>
public static class BenchSignaturesCommand
{
    /// <summary>The <c>signatures</c> command (wire it under <c>bench</c>).</summary>
    public static Command Create()
    {
        var pki = new Option<string?>("--pki") { Description = "Folder with ca.pem and doctors/23456789099(.key).pem (default: Samples/Pki found upwards from the current folder)" };
        var full = new Option<bool>("--full") { Description = "BenchmarkDotNet's default job (longer, tighter intervals) instead of the short run" };
        var artifacts = new Option<string?>("--artifacts") { Description = "BenchmarkDotNet artifacts folder (default: a folder under the system temp folder)" };
        var command = new Command("signatures",
            "CMS verification: GOST 2012-256 (our verifier) vs RSA-2048 (.NET SignedCms baseline). Requires a Release build (dotnet run -c Release)")
        {
            pki, full, artifacts,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(pki) is { } folder)
            {
                if (!File.Exists(Path.Combine(folder, "ca.pem")))
                {
                    parse.InvocationConfiguration.Error.WriteLine("egiszbus: no ca.pem in " + folder);
                    return 1;
                }

                SignatureBenchmarks.PkiFolder = Path.GetFullPath(folder);
            }

            var job = (parse.GetValue(full) ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
            var config = DefaultConfig.Instance
                .AddJob(job)
                .WithArtifactsPath(parse.GetValue(artifacts) ?? Path.Combine(Path.GetTempPath(), "egiszbus-bench-signatures"));
            var summary = BenchmarkRunner.Run<SignatureBenchmarks>(config);
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                parse.InvocationConfiguration.Error.WriteLine("egiszbus: the benchmark did not run (a Release build is required; see the log above)");
                return 1;
            }

            output.WriteLine();
            output.WriteLine("Verifications/s per core (one thread):");
            var baseline = summary.Reports.First(r => r.BenchmarkCase.Descriptor.Baseline).ResultStatistics!.Mean;
            foreach (var report in summary.Reports)
            {
                var mean = report.ResultStatistics!.Mean;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-40} {1e9 / mean,10:N0}/s  mean {mean / 1000,9:N1} µs  ratio {mean / baseline,6:N2}"));
            }

            return 0;
        });
        return command;
    }
}
