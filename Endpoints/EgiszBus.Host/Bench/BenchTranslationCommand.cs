using System.CommandLine;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EgiszBus.Host.Bench;

/// <summary>
/// <c>egiszbus bench translation</c>: runs <see cref="TranslationBenchmarks"/> with BenchmarkDotNet in this process and
/// prints documents/s per core and the ratio to the Firely parse + serialise baseline of the same Bundle.
/// Needs a Release build (<c>dotnet run -c Release</c>). Exit 0 done, 1 setup or validation error.
/// </summary>
public static class BenchTranslationCommand
{
    /// <summary>The <c>translation</c> command (under <c>bench</c>).</summary>
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "BenchmarkDotNet's default job (longer, tighter intervals) instead of the short run" };
        var artifacts = new Option<string?>("--artifacts") { Description = "BenchmarkDotNet artifacts folder (default: a folder under the system temp folder)" };
        var command = new Command("translation",
            "FHIR → SEMD and SEMD → FHIR documents/s per core next to Firely parse + serialise of the same Bundle. Requires a Release build")
        {
            full, artifacts,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var job = (parse.GetValue(full) ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
            var config = DefaultConfig.Instance
                .AddJob(job)
                .WithArtifactsPath(parse.GetValue(artifacts) ?? Path.Combine(Path.GetTempPath(), "egiszbus-bench-translation"));
            var summary = BenchmarkRunner.Run<TranslationBenchmarks>(config);
            if (summary.HasCriticalValidationErrors || summary.Reports.Length == 0 || summary.Reports.Any(r => !r.Success))
            {
                parse.InvocationConfiguration.Error.WriteLine("egiszbus: the benchmark did not run (a Release build is required; see the log above)");
                return 1;
            }

            output.WriteLine();
            output.WriteLine("Documents/s per core (one thread), ratio = time ÷ Firely parse + serialise of the same Bundle:");
            foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters.PrintInfo))
            {
                var baseline = group.First(r => r.BenchmarkCase.Descriptor.Baseline).ResultStatistics!.Mean;
                foreach (var report in group)
                {
                    var mean = report.ResultStatistics!.Mean;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {group.Key,-32} {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-26} {1e9 / mean,9:N0}/s  mean {mean / 1000,9:N1} µs  ratio {mean / baseline,6:N2}"));
                }
            }

            return 0;
        });
        return command;
    }
}
