using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using EgiszBus.Adapters.Semd.Schematron;
using EgiszBus.Host.Configuration;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Host.Tools;

/// <summary>What the <c>translate</c> and <c>validate</c> tools share: the reference-data folder, problem lines, JSON, file names.</summary>
internal static partial class DocumentToolSupport
{
    /// <summary>One problem as the tools print it.</summary>
    /// <param name="Code">Stable code (<c>TRN-…</c>, <c>MIS-…</c>, <c>SEMD-XSD</c>, <c>SEMD-SCH</c>).</param>
    /// <param name="Location">XPath, FHIRPath, <c>line L, column C</c>, a JSON path, or null.</param>
    /// <param name="Message">Text for the operator.</param>
    /// <param name="Source">The document number or file the problem belongs to, when there are several; else null.</param>
    internal sealed record ToolProblem(string Code, string? Location, string Message, string? Source = null)
    {
        /// <summary><c>CODE location: message</c>.</summary>
        public override string ToString() => Location is null ? $"{Code}: {Message}" : $"{Code} {Location}: {Message}";
    }

    public static readonly JsonSerializerOptions FhirJson =
        new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.ForFhir(ModelInfo.ModelInspector);

    /// <summary>The <c>--reference-data</c> option (else <c>ReferenceData:Path</c> from the settings).</summary>
    public static Option<string?> ReferenceDataOption() => new("--reference-data")
    {
        Description = "Folder of the official reference data (semd/, nsi/); default ReferenceData:Path of the settings, else ../shared/data beside the repository",
    };

    /// <summary>The <c>--json</c> option.</summary>
    public static Option<bool> JsonOption(string description) => new("--json") { Description = description };

    /// <summary>
    /// The reference-data folder: <c>--reference-data</c>, else the host settings (<c>appsettings.json</c>, <c>EGISZBUS__ReferenceData__Path</c>,
    /// <c>--ReferenceData:Path=…</c>). A missing folder is a usage error.
    /// </summary>
    public static string ReferenceData(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is { } explicitPath)
        {
            return Directory.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new ToolInput.ToolException("reference data folder not found: " + explicitPath);
        }

        var result = HostConfiguration.Read(HostConfiguration.Build([.. parse.UnmatchedTokens]));
        if (result.Problems.FirstOrDefault(p => p.Key.StartsWith(ReferenceDataOptions.SectionName, StringComparison.Ordinal)) is { } problem)
        {
            throw new ToolInput.ToolException("settings: " + problem + " (or give --reference-data DIR)");
        }

        return result.Settings.ReferenceData.Path!;
    }

    /// <summary>
    /// <c>ReferenceData:SchemaFolders</c> as the hub reads it (appsettings, <c>EGISZBUS__…</c>, <c>--ReferenceData:SchemaFolders:147=119</c>):
    /// kinds whose XSD is taken from another folder.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SchemaFolders(IEnumerable<string> settingArguments) =>
        HostConfiguration.Read(HostConfiguration.Build([.. settingArguments])).Settings.ReferenceData.SchemaFolders;

    /// <summary>True for a <c>--Section:Key=value</c> setting argument.</summary>
    public static bool IsSettingArgument(string token) => SettingArgument().IsMatch(token);

    /// <summary>How to start Saxon: the defaults, or <c>JAVA</c> and <c>SAXON_JAR</c> from the environment (as <c>semd-schematron</c> reads them).</summary>
    public static SchematronOptions SchematronOptions()
    {
        var options = new SchematronOptions();
        if (Environment.GetEnvironmentVariable("JAVA") is { Length: > 0 } java)
        {
            options = options with { Java = java };
        }

        if (Environment.GetEnvironmentVariable("SAXON_JAR") is { Length: > 0 } jar)
        {
            options = options with { SaxonJar = jar };
        }

        return options;
    }

    /// <summary>Unmatched tokens are allowed only as settings (<c>--Section:Key=value</c>); anything else is a usage error.</summary>
    public static void RejectStrayTokens(ParseResult parse)
    {
        if (parse.UnmatchedTokens.FirstOrDefault(t => !SettingArgument().IsMatch(t)) is { } stray)
        {
            throw new ToolInput.ToolException("unexpected argument: " + stray);
        }
    }

    /// <summary>A file name part made of safe characters only (document numbers come from outside).</summary>
    public static string SafeFileName(string value)
    {
        var safe = UnsafeFileCharacters().Replace(value, "_").Trim('.');
        return safe.Length == 0 ? "_" : safe[..Math.Min(safe.Length, 100)];
    }

    /// <summary>The problems as a JSON array, written into <paramref name="writer"/> under <paramref name="name"/>.</summary>
    public static void WriteProblems(Utf8JsonWriter writer, string name, IEnumerable<ToolProblem> problems, string sourceName)
    {
        writer.WriteStartArray(name);
        foreach (var problem in problems)
        {
            writer.WriteStartObject();
            writer.WriteString("code", problem.Code);
            writer.WriteString("location", problem.Location);
            writer.WriteString("message", problem.Message);
            if (problem.Source is not null)
            {
                writer.WriteString(sourceName, problem.Source);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Options of a <see cref="Utf8JsonWriter"/> that keep Cyrillic readable.</summary>
    public static JsonWriterOptions ReadableJson => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    [GeneratedRegex(@"^--[A-Za-z0-9_]+(:[A-Za-z0-9_]+)+=")]
    private static partial Regex SettingArgument();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeFileCharacters();
}
