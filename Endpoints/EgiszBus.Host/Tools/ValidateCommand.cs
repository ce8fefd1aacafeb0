using System.CommandLine;
using System.Text;
using System.Text.Json;
using EgiszBus.Adapters.Semd;
using EgiszBus.Adapters.Semd.Schematron;
using static EgiszBus.Host.Tools.DocumentToolSupport;

namespace EgiszBus.Host.Tools;

/// <summary>
/// <c>egiszbus validate --kind CODE FILE…</c>: SEMD files (or folders of <c>*.xml</c>) against the official XSD of the kind, their
/// coded elements against the FNSI snapshots in force on the document date (<see cref="SemdCodeChecker"/>), then the official schematron (one Saxon run for all files; kinds without a schematron, such as 43, get the XSD only and are told so).
/// <c>egiszbus validate fhir FILE</c>: a FHIR document Bundle through the checks of the translator of the kind it declares
/// (FHIRPath locations). Each problem: code, location (XPath, FHIRPath or line), message; <c>--json</c> prints
/// <c>{"valid":bool,"checks":[…],"problems":[{"code","location","message","file"}]}</c>. Exit 0 valid, 2 invalid, 1 usage or I/O error
/// (also when Java or Saxon-HE is missing: <c>SEMD-SCH-000</c> is printed, naming the Debian packages).
/// </summary>
public static class ValidateCommand
{
    /// <summary>The <c>validate</c> command with its <c>fhir</c> subcommand.</summary>
    public static Command Create()
    {
        var kind = new Option<string?>("--kind") { Description = "SEMD kind (FNSI 1.2.643.5.1.13.13.11.1520 code, e.g. 186)" };
        var files = new Argument<string[]>("FILE") { Description = "SEMD files, or folders of *.xml", Arity = ArgumentArity.ZeroOrMore };
        var json = JsonOption("Print one JSON object {valid, checks, problems} on standard output");
        var referenceData = ReferenceDataOption();
        var command = new Command("validate", "Validate SEMD by the official XSD and schematron (--kind CODE FILE), or a FHIR Bundle (validate fhir FILE); exit 0 valid, 2 invalid, 1 usage or I/O error")
        {
            kind, files, json, referenceData, CreateFhir(),
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancel) => ToolInput.GuardedAsync(parse, async stdout =>
        {
            RejectStrayTokens(parse);
            var code = parse.GetValue(kind) ?? throw new ToolInput.ToolException("--kind CODE is required for SEMD (or use: validate fhir FILE)");
            if (code.Length == 0 || !code.All(char.IsAsciiDigit))
            {
                throw new ToolInput.ToolException("--kind: not a 1520 code: " + code);
            }

            // Setting arguments (--ReferenceData:SchemaFolders:147=119) may stand among the files.
            var arguments = parse.GetValue(files) ?? [];
            var paths = ExpandFiles([.. arguments.Where(a => !IsSettingArgument(a))]);
            var root = ReferenceData(parse, referenceData);
            if (!File.Exists(Path.Combine(root, "semd", code, "CDA.xsd")))
            {
                throw new ToolInput.ToolException($"kind {code}: no official XSD in {Path.Combine(root, "semd")}");
            }

            var documents = new List<byte[]>();
            foreach (var path in paths)
            {
                documents.Add(await File.ReadAllBytesAsync(path, cancel));
            }

            var schemaFolders = SchemaFolders(arguments.Where(IsSettingArgument).Concat(parse.UnmatchedTokens));
            var xsd = new SemdSchemaValidator(root, schemaFolders);
            var problems = documents.Select(d => xsd.Validate(code, d).ToList()).ToList();

            // Coded elements against the FNSI versions in force on each document's date, as REMD checks them.
            var codes = new SemdCodeChecker(new NsiCatalog(root));
            for (var i = 0; i < documents.Count; i++)
            {
                problems[i].AddRange(codes.Check(documents[i]).Where(p => p.Code != TranslationErrorCodes.MalformedXml || problems[i].Count == 0));
            }

            var schematron = new SchematronValidator(root, SchematronOptions());
            var checks = new List<string> { "xsd", "nsi" };
            string? note = null;
            var foreign = schematron.HasSchematron(code) ? schematron.ForeignTemplateIds(code) : [];
            if (foreign.Count > 0)
            {
                // Running another kind's rules would only say "this is not that kind": say what is wrong with the reference data instead.
                note = $"kind {code}: {Path.Combine(root, "semd", code, code + ".sch")} holds the rules of another kind (templateId {string.Join(", ", foreign)}): "
                    + $"schematron not run; install the Ministry's package for kind {code}"
                    + (schemaFolders.TryGetValue(code, out var folder) ? $"; XSD taken from folder {folder} (ReferenceData:SchemaFolders)" : "; its XSD may be the other kind's too (set ReferenceData:SchemaFolders:" + code + ")");
            }
            else if (schematron.HasSchematron(code))
            {
                checks.Add("schematron");
                var found = await schematron.ValidateManyAsync(code, [.. documents.Select(d => (ReadOnlyMemory<byte>)d)], cancel);
                for (var i = 0; i < found.Count; i++)
                {
                    // A document the XSD step found not well-formed is not reported twice.
                    problems[i].AddRange(found[i].Where(p => p.Code != SchematronValidator.NotWellFormedCode || problems[i].Count == 0));
                }
            }
            else
            {
                note = $"kind {code}: no official schematron, checked by XSD only";
            }

            var all = paths.SelectMany((path, i) => problems[i].Select(p => new ToolProblem(p.Code, p.Location, p.Message, path))).ToList();
            await WriteResultAsync(stdout, parse.GetValue(json), paths, all, checks, note);

            // Java or Saxon missing is a set-up error of this machine, not a verdict on the documents.
            return all.Any(p => p.Code == SchematronValidator.ToolsMissingCode) ? ToolExitCodes.UsageOrIoError
                : all.Count == 0 ? ToolExitCodes.Valid : ToolExitCodes.Invalid;
        }));
        return command;
    }

    private static Command CreateFhir()
    {
        var file = new Argument<string>("FILE") { Description = "A FHIR R4 document Bundle (JSON)" };
        var json = JsonOption("Print one JSON object {valid, checks, problems} on standard output");
        var referenceData = ReferenceDataOption();
        var command = new Command("fhir", "Validate a FHIR document Bundle by the checks of the translator of its kind (FHIRPath locations)")
        {
            file, json, referenceData,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancel) => ToolInput.GuardedAsync(parse, async stdout =>
        {
            RejectStrayTokens(parse);
            var path = ToolInput.ExistingFile(parse.GetValue(file), "FHIR Bundle");
            var bytes = await File.ReadAllBytesAsync(path, cancel);
            var translators = new FhirToSemdTranslators(new NsiCatalog(ReferenceData(parse, referenceData)));
            var kind = FhirToSemdTranslators.KindOf(bytes);
            var translation = translators.Translate(bytes);
            var problems = translation.Problems.Select(p => new ToolProblem(p.Code, p.Location, p.Message, path)).ToList();
            if (!translation.Succeeded && problems.Count == 0)
            {
                problems.Add(new ToolProblem(TranslationErrorCodes.WrongDocumentKind, "Bundle", "Документ не переведён в СЭМД", path));
            }

            var checks = new List<string> { "fhir-" + (kind ?? "unknown") };
            await WriteResultAsync(stdout, parse.GetValue(json), [path], problems, checks, null);
            return problems.Count == 0 ? ToolExitCodes.Valid : ToolExitCodes.Invalid;
        }));
        return command;
    }

    private static List<string> ExpandFiles(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            throw new ToolInput.ToolException("no FILE given");
        }

        var paths = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var found = Directory.GetFiles(argument, "*.xml").Order(StringComparer.Ordinal).ToList();
                paths.AddRange(found.Count > 0 ? found : throw new ToolInput.ToolException("no *.xml in folder: " + argument));
            }
            else
            {
                paths.Add(ToolInput.ExistingFile(argument, "SEMD"));
            }
        }

        return paths;
    }

    private static async Task WriteResultAsync(TextWriter output, bool asJson, IReadOnlyList<string> paths, IReadOnlyList<ToolProblem> problems,
        IReadOnlyList<string> checks, string? note)
    {
        if (asJson)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, ReadableJson))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("valid", problems.Count == 0);
                writer.WriteStartArray("checks");
                foreach (var check in checks)
                {
                    writer.WriteStringValue(check);
                }

                writer.WriteEndArray();
                if (note is not null)
                {
                    writer.WriteString("note", note);
                }

                WriteProblems(writer, "problems", problems, "file");
                writer.WriteEndObject();
            }

            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }

        if (note is not null)
        {
            await output.WriteLineAsync("note: " + note);
        }

        foreach (var path in paths)
        {
            var own = problems.Where(p => p.Source == path).ToList();
            await output.WriteLineAsync($"{(own.Count == 0 ? "VALID" : "INVALID")} {path} ({string.Join(" + ", checks)}{(own.Count == 0 ? string.Empty : $", {own.Count} problem(s)")})");
            foreach (var problem in own)
            {
                await output.WriteLineAsync("  " + problem);
            }
        }
    }
}
