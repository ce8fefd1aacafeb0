using System.CommandLine;
using System.Text;
using System.Text.Json;
using EgiszBus.Adapters.Mis;
using EgiszBus.Adapters.Semd;
using Hl7.Fhir.Model;
using static EgiszBus.Host.Tools.DocumentToolSupport;

namespace EgiszBus.Host.Tools;

/// <summary>
/// <c>egiszbus translate --from mis-csv|mis-json|fhir|semd --to fhir|semd [--kind CODE] INPUT [-o OUTPUT] [--profile FILE] [--json]</c>:
/// MIS exports → FHIR or SEMD (via FHIR), FHIR → SEMD, SEMD → FHIR. A CSV export writes one file per document into the folder
/// <c>-o</c> (<c>{kind}-{number}.xml|json</c>), with a progress bar on a terminal; other inputs write <c>-o FILE</c> or standard
/// output. For MIS input <c>--kind</c> picks the format's translator from <c>MisTranslators</c> (default 186; JSON for every kind,
/// CSV for 186 and 148); a kind without one is a usage error naming the supported kinds. Problems go to the error stream as
/// <c>CODE location: message</c>; <c>--json</c> prints
/// <c>{"documents":[{"number","output"}],"problems":[{"code","location","message","document"}]}</c> instead.
/// Exit 0 all translated, 2 some input invalid (the valid documents are still written), 1 usage or I/O error.
/// </summary>
public static class TranslateCommand
{
    /// <summary>Input formats.</summary>
    public static readonly IReadOnlyList<string> Sources = ["mis-csv", "mis-json", "fhir", "semd"];

    /// <summary>Output formats.</summary>
    public static readonly IReadOnlyList<string> Targets = ["fhir", "semd"];

    /// <summary>The kind of <c>--from mis-csv|mis-json</c> without <c>--kind</c> (the laboratory formats came first).</summary>
    public const string DefaultMisKind = "186";

    private sealed record Output(string Number, string Kind, byte[] Bytes, string Extension);

    /// <summary>The <c>translate</c> command.</summary>
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Input format: " + string.Join(", ", Sources), Required = true };
        from.AcceptOnlyFromAmong([.. Sources]);
        var to = new Option<string>("--to") { Description = "Output format: " + string.Join(", ", Targets), Required = true };
        to.AcceptOnlyFromAmong([.. Targets]);
        var kind = new Option<string?>("--kind") { Description = "SEMD kind (FNSI 1.2.643.5.1.13.13.11.1520 code, e.g. 148); fhir: default the kind the Bundle declares; mis-json (all eleven kinds) and mis-csv (186 laboratory, 148 prescriptions): default 186" };
        var input = new Argument<string>("INPUT") { Description = "The input file" };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output file (default standard output); for mis-csv a folder that receives one file per document",
        };
        var profile = new Option<string?>("--profile") { Description = "Regional MIS profile (JSON) for mis-csv and mis-json, e.g. Samples/Documents/Csv/profile.json" };
        var json = JsonOption("Print one JSON object {documents, problems} on standard output (needs -o)");
        var referenceData = ReferenceDataOption();
        var command = new Command("translate", "Translate medical documents: MIS CSV/JSON → FHIR or SEMD, FHIR → SEMD, SEMD → FHIR (exit 0 all translated, 2 some invalid, 1 usage or I/O error)")
        {
            from, to, kind, input, output, profile, json, referenceData,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancel) => ToolInput.GuardedAsync(parse, async stdout =>
        {
            RejectStrayTokens(parse);
            var source = parse.GetValue(from)!;
            var target = parse.GetValue(to)!;
            var requestedKind = parse.GetValue(kind);
            var outputPath = parse.GetValue(output);
            var asJson = parse.GetValue(json);
            if (source == target || (source == "fhir" && target != "semd") || (source == "semd" && target != "fhir"))
            {
                throw new ToolInput.ToolException($"cannot translate {source} to {target}: use mis-csv|mis-json → fhir|semd, fhir → semd, semd → fhir");
            }

            if (requestedKind is not null && (requestedKind.Length == 0 || !requestedKind.All(char.IsAsciiDigit)))
            {
                throw new ToolInput.ToolException("--kind: not a 1520 code: " + requestedKind);
            }

            if (asJson && outputPath is null)
            {
                throw new ToolInput.ToolException("--json needs -o: standard output carries the JSON report");
            }

            var inputBytes = await File.ReadAllBytesAsync(ToolInput.ExistingFile(parse.GetValue(input), "input"), cancel);
            var problems = new List<ToolProblem>();
            var documents = source switch
            {
                "mis-csv" or "mis-json" => FromMis(source, target, requestedKind, inputBytes, LoadProfile(parse.GetValue(profile)),
                    () => ReferenceData(parse, referenceData), problems),
                "fhir" => FromFhir(requestedKind, inputBytes, new NsiCatalog(ReferenceData(parse, referenceData)), problems),
                _ => FromSemd(inputBytes, new NsiCatalog(ReferenceData(parse, referenceData)), problems),
            };

            var error = parse.InvocationConfiguration.Error;
            var written = await WriteAsync(documents, source == "mis-csv", outputPath, stdout, error, asJson, cancel);
            if (asJson)
            {
                await stdout.WriteLineAsync(Report(written, problems));
            }
            else
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync(problem.ToString());
                }

                if (outputPath is not null)
                {
                    await error.WriteLineAsync($"translated {written.Count} document(s), {problems.Count} problem(s)");
                }
            }

            return problems.Count == 0 ? ToolExitCodes.Valid : ToolExitCodes.Invalid;
        }));
        return command;
    }

    private static MisProfile LoadProfile(string? path)
    {
        var file = ToolInput.ExistingFile(path, "--profile (regional MIS profile)");
        try
        {
            return MisProfile.Load(file);
        }
        catch (JsonException e)
        {
            throw new ToolInput.ToolException($"profile {file}: {e.Message}");
        }
    }

    private static IEnumerable<Output> FromMis(string source, string target, string? kind, byte[] input, MisProfile profile,
        Func<string> referenceData, List<ToolProblem> problems)
    {
        // The one place that picks the MIS → FHIR translator: the format of --from and the kind asked for (186 by default).
        var format = source == "mis-csv" ? MisTranslators.Csv : MisTranslators.Json;
        kind ??= DefaultMisKind;
        var registry = new MisTranslators(profile);
        var translator = registry.For(format, kind)
            ?? throw new ToolInput.ToolException($"--kind {kind}: no {source} translator; supported kinds: "
                + string.Join(", ", registry.Supported.Where(s => s.Format == format).Select(s => s.Kind)));
        var read = translator.Translate(input);
        problems.AddRange(read.Problems.Select(p => new ToolProblem(p.Code, p.Location, p.Message, p.DocumentNumber)));
        var translators = target == "semd" ? new FhirToSemdTranslators(new NsiCatalog(referenceData())) : null;
        return read.Documents.Select(bundle => ToOutput(bundle, kind, translators, problems)).OfType<Output>().ToList();
    }

    private static Output? ToOutput(Bundle bundle, string kind, FhirToSemdTranslators? translators, List<ToolProblem> problems)
    {
        var number = bundle.Identifier?.Value ?? bundle.Id ?? "document";
        if (translators is null)
        {
            return new Output(number, kind, JsonSerializer.SerializeToUtf8Bytes(bundle, FhirJson), "json");
        }

        var translation = translators.Translate(SemdToFhirTranslator.Serialize(bundle));
        problems.AddRange(translation.Problems.Select(p => new ToolProblem(p.Code, $"document {number}, {p.Location ?? "Bundle"}", p.Message, number)));
        return translation.Succeeded ? new Output(number, translation.Facts?.Kind ?? kind, translation.Semd!, "xml") : null;
    }

    private static IEnumerable<Output> FromFhir(string? kind, byte[] input, NsiCatalog nsi, List<ToolProblem> problems)
    {
        var translators = new FhirToSemdTranslators(nsi);

        // The one place that picks the FHIR → SEMD translator: the kind asked for, else the kind the Bundle declares.
        SemdTranslation translation;
        if (kind is null)
        {
            translation = translators.Translate(input);
        }
        else
        {
            var translator = translators.For(kind)
                ?? throw new ToolInput.ToolException($"--kind {kind}: no translator; available: {string.Join(", ", translators.Kinds.Order())}");
            translation = translator.Translate(input);
        }

        problems.AddRange(translation.Problems.Select(p => new ToolProblem(p.Code, p.Location, p.Message)));
        return translation.Succeeded
            ? [new Output(translation.Facts?.DocumentNumber ?? "document", kind ?? FhirToSemdTranslators.KindOf(input) ?? "semd", translation.Semd!, "xml")]
            : [];
    }

    private static IEnumerable<Output> FromSemd(byte[] input, NsiCatalog nsi, List<ToolProblem> problems)
    {
        var read = new SemdToFhirTranslator(nsi).Translate(input);
        problems.AddRange(read.Problems.Select(p => new ToolProblem(p.Code, p.Location, p.Message)));
        return read is { Succeeded: true, Bundle: { } bundle }
            ? [new Output(bundle.Identifier?.Value ?? "document", read.Kind ?? "semd", JsonSerializer.SerializeToUtf8Bytes(bundle, FhirJson), "json")]
            : [];
    }

    private static async Task<List<(string Number, string Output)>> WriteAsync(IEnumerable<Output> documents, bool folderMode, string? outputPath,
        TextWriter stdout, TextWriter error, bool asJson, CancellationToken cancel)
    {
        var list = documents.ToList();
        var written = new List<(string Number, string Output)>();
        if (outputPath is null)
        {
            if (list.Count > 1)
            {
                throw new ToolInput.ToolException($"the input holds {list.Count} documents: give -o FOLDER");
            }

            foreach (var document in list)
            {
                var text = Encoding.UTF8.GetString(document.Bytes);
                await stdout.WriteAsync(text.EndsWith('\n') ? text : text + "\n");
                written.Add((document.Number, "-"));
            }

            return written;
        }

        if (folderMode || Directory.Exists(outputPath))
        {
            Directory.CreateDirectory(outputPath);
            var progress = list.Count > 1 ? new ProgressBar(error, list.Count, ProgressBar.IsTerminal(error)) : null;
            foreach (var document in list)
            {
                var path = Path.Combine(outputPath, $"{SafeFileName(document.Kind)}-{SafeFileName(document.Number)}.{document.Extension}");
                await File.WriteAllBytesAsync(path, document.Bytes, cancel);
                written.Add((document.Number, path));
                progress?.Advance(Path.GetFileName(path));
            }

            return written;
        }

        foreach (var document in list)
        {
            await File.WriteAllBytesAsync(outputPath, document.Bytes, cancel);
            written.Add((document.Number, outputPath));
        }

        return written;
    }

    private static string Report(IReadOnlyList<(string Number, string Output)> documents, IReadOnlyList<ToolProblem> problems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("documents");
            foreach (var (number, output) in documents)
            {
                writer.WriteStartObject();
                writer.WriteString("number", number);
                writer.WriteString("output", output);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteProblems(writer, "problems", problems, "document");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
