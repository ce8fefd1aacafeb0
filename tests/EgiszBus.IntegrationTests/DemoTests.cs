using System.Text.Json.Nodes;
using EgiszBus.TestKit;

namespace EgiszBus.IntegrationTests;

/// <summary>
/// Runs <c>egiszbus demo --exit-when-done</c> as a user would and scans everything it wrote — console output and the
/// JSON log files — for the personal data of the samples: no SNILS (in any spelling) and no name may appear.
/// </summary>
[TestClass]
public sealed class DemoTests
{
    [TestMethod]
    public void GivenTheDemo_WhenRunToCompletion_ThenEverySampleIsRegisteredAndNoPersonalDataReachesTheLogs()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "egiszbus-demo-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDirectory);
        try
        {
            using var demo = HubProcess.Start(["demo", "--exit-when-done", "--data-dir", dataDirectory], dataDirectory);
            Assert.IsTrue(demo.WaitForExit(TimeSpan.FromMinutes(3)), "demo did not finish in 3 minutes: " + demo.Output);
            var output = demo.Output;
            Assert.AreEqual(0, demo.ExitCode, output);
            StringAssert.Contains(output, "All samples registered.");

            var logs = Directory.GetFiles(Path.Combine(dataDirectory, "demo", "logs"), "*.json");
            Assert.IsTrue(logs.Length > 0, "no log file written");
            var everything = output + string.Concat(logs.Select(File.ReadAllText));
            StringAssert.Contains(everything, "registered in REMD", "the logs do not describe the flow: the scan proves nothing");

            // The public semd/147 holds kind 142's rules: the hub says so at start (and which XSD folder it uses instead).
            if (new EgiszBus.Adapters.Semd.Schematron.SchematronValidator(RepositoryPaths.SharedData).ForeignTemplateIds("147").Count > 0)
            {
                StringAssert.Contains(everything, "holds the official rules of another kind", "no start-up warning about the misfiled 147 rules");
            }

            var leaks = PersonalDataOfSamples().Where(value => everything.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.AreEqual(0, leaks.Count, "personal data in the logs: " + string.Join(", ", leaks.Select(l => l[..Math.Min(3, l.Length)] + "…")));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>SNILS (every spelling) and names of every patient and practitioner in the sample Bundles.</summary>
    private static IEnumerable<string> PersonalDataOfSamples()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in TestHub.SampleFiles)
        {
            var bundle = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var resource in bundle["entry"]!.AsArray().Select(e => e!["resource"]!))
            {
                var type = resource["resourceType"]!.GetValue<string>();
                if (type is not ("Patient" or "Practitioner"))
                {
                    continue;
                }

                foreach (var identifier in resource["identifier"]?.AsArray() ?? [])
                {
                    if (identifier!["system"]?.GetValue<string>() == "urn:oid:1.2.643.100.3")
                    {
                        var digits = new string(identifier["value"]!.GetValue<string>().Where(char.IsDigit).ToArray());
                        values.Add(digits);
                        values.Add($"{digits[..3]}-{digits[3..6]}-{digits[6..9]} {digits[9..]}");
                        values.Add($"{digits[..3]}-{digits[3..6]}-{digits[6..9]}-{digits[9..]}");
                    }
                }

                foreach (var name in resource["name"]?.AsArray() ?? [])
                {
                    values.Add(name!["family"]!.GetValue<string>());
                }

                if (type == "Patient" && resource["birthDate"] is { } birthDate)
                {
                    values.Add(birthDate.GetValue<string>());
                }
            }
        }

        Assert.IsTrue(values.Count >= 10, "the samples yielded too little personal data to scan for");
        return values;
    }
}
