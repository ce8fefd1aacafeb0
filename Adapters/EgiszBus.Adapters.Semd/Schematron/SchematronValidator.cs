using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Semd.Schematron;

/// <summary>
/// Runs the official compiled schematron of a SEMD kind, <c>{referenceData}/semd/{kind}/{kind}.xsl</c> (XSLT 2.0), with
/// Saxon-HE on Java, as the Ministry's validator does: the instance is read here (DTD prohibited, no resolver, size
/// limit), its <c>urn:hl7-org:v3</c> elements are moved to no namespace, and Saxon transforms a folder of such instances
/// in one JVM run. Every SVRL <c>failed-assert</c> and <c>successful-report</c> is a problem <see cref="ErrorCode"/> with
/// the assertion text and its XPath location.
/// </summary>
public sealed partial class SchematronValidator
{
    /// <summary>An assertion of the official schematron failed (or a report fired): message = its text, location = XPath.</summary>
    public const string ErrorCode = "SEMD-SCH";

    /// <summary>Java or the Saxon-HE jar is missing: the schematron could not run.</summary>
    public const string ToolsMissingCode = "SEMD-SCH-000";

    /// <summary>Saxon failed or took too long for this document (the message holds Saxon's first error lines).</summary>
    public const string RunFailedCode = "SEMD-SCH-001";

    /// <summary>The instance is not well-formed XML (or too large): the schematron was not run on it.</summary>
    public const string NotWellFormedCode = "SEMD-SCH-002";

    /// <summary>Largest accepted SEMD, in characters.</summary>
    public const long MaxDocumentCharacters = 32 * 1024 * 1024;

    private const string Hl7Namespace = "urn:hl7-org:v3";
    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    private readonly string semdFolder;
    private readonly SchematronOptions options;

    /// <summary>Creates a validator over <paramref name="referenceDataRoot"/> (the folder that holds <c>semd/</c>).</summary>
    public SchematronValidator(string referenceDataRoot, SchematronOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceDataRoot);
        semdFolder = Path.GetFullPath(Path.Combine(referenceDataRoot, "semd"));
        this.options = options ?? new SchematronOptions();
    }

    /// <summary>True when the kind has an official compiled schematron (43, for one, has XSD only).</summary>
    public bool HasSchematron(string kind) => File.Exists(StylesheetOf(kind));

    /// <summary>
    /// For a kind the hub renders: the templateIds the kind's schematron demands (its <c>ClinicalDocument/templateId</c> rule) when
    /// none of them is a template of that kind — the folder holds another kind's rules (the public <c>semd/147</c> holds kind 142's)
    /// and running them would only report "this is not that other kind". Empty when the rules fit, name no templateId, or the kind
    /// is not one the hub knows.
    /// </summary>
    public IReadOnlyList<string> ForeignTemplateIds(string kind)
    {
        var schematron = Path.ChangeExtension(StylesheetOf(kind), ".sch");
        if (SemdKinds.ByKind(kind) is null || !File.Exists(schematron))
        {
            return [];
        }

        var demanded = TemplateRule().Matches(File.ReadAllText(schematron))
            .SelectMany(rule => RuleTest().Matches(rule.Groups["body"].Value))
            .Where(test => test.Groups["test"].Value.Contains("@root", StringComparison.Ordinal))
            .SelectMany(test => TemplateRoot().Matches(test.Groups["test"].Value).Select(r => r.Groups["root"].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return demanded.Count == 0 || demanded.Any(t => SemdKinds.KindOf(t, null) == kind) ? [] : demanded;
    }

    /// <summary>Validates one SEMD; problems empty when valid or when the kind has no schematron (see <see cref="HasSchematron"/>).</summary>
    public async Task<IReadOnlyList<TranslationProblem>> ValidateAsync(string kind, ReadOnlyMemory<byte> semd, CancellationToken cancellationToken = default) =>
        (await ValidateManyAsync(kind, [semd], cancellationToken))[0];

    /// <summary>
    /// Validates several SEMD of one kind in a single Saxon run (one JVM start, ~2 s, instead of one per document).
    /// Returns one problem list per document, in the order given.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<TranslationProblem>>> ValidateManyAsync(string kind, IReadOnlyList<ReadOnlyMemory<byte>> documents,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var stylesheet = StylesheetOf(kind);
        var results = documents.Select(_ => new List<TranslationProblem>()).ToArray();
        if (documents.Count == 0 || !File.Exists(stylesheet))
        {
            return results;
        }

        if (MissingTools() is { } missing)
        {
            foreach (var list in results)
            {
                list.Add(missing);
            }

            return results;
        }

        var work = Directory.CreateTempSubdirectory("egiszbus-schematron-");
        try
        {
            var input = work.CreateSubdirectory("in").FullName;
            var output = work.CreateSubdirectory("out").FullName;
            var names = new string?[documents.Count];
            for (var i = 0; i < documents.Count; i++)
            {
                if (StripNamespace(documents[i], results[i]) is { } stripped)
                {
                    names[i] = i.ToString("D6", CultureInfo.InvariantCulture) + ".xml";
                    await File.WriteAllBytesAsync(Path.Combine(input, names[i]!), stripped, cancellationToken);
                }
            }

            if (names.All(n => n is null))
            {
                return results;
            }

            var failure = await RunSaxonAsync(stylesheet, input, output, cancellationToken);
            for (var i = 0; i < documents.Count; i++)
            {
                if (names[i] is not { } name)
                {
                    continue;
                }

                var report = Path.Combine(output, name);
                if (File.Exists(report))
                {
                    ReadSvrl(report, results[i]);
                }
                else
                {
                    results[i].Add(new TranslationProblem(RunFailedCode, "Проверка схематроном не выполнена: " + (failure ?? "Saxon не создал отчёт"), null));
                }
            }

            return results;
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the system cleans its temp folder.
            }
        }
    }

    [GeneratedRegex(@"<rule\s+context=""ClinicalDocument(?:\[[^""]*\])?/templateId""\s*>(?<body>.*?)</rule>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TemplateRule();

    [GeneratedRegex(@"<(?:assert|report)\s+test=""(?<test>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex RuleTest();

    [GeneratedRegex("'(?<root>[0-9]+(?:\\.[0-9]+)+)'", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateRoot();

    private string StylesheetOf(string kind)
    {
        if (string.IsNullOrEmpty(kind) || !kind.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("kind must be a 1520 code such as 186", nameof(kind));
        }

        return Path.Combine(semdFolder, kind, kind + ".xsl");
    }

    private TranslationProblem? MissingTools()
    {
        var missing = new List<string>();
        if (ResolveJava() is null)
        {
            missing.Add($"Java ({options.Java})");
        }

        if (!File.Exists(options.SaxonJar))
        {
            missing.Add($"Saxon-HE ({options.SaxonJar})");
        }

        return missing.Count == 0
            ? null
            : new TranslationProblem(ToolsMissingCode,
                $"Проверка схематроном невозможна: нет {string.Join(" и ", missing)}. Установите пакеты Debian: apt-get install default-jre-headless libsaxonhe-java",
                null);
    }

    private string? ResolveJava()
    {
        if (options.Java.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(options.Java) ? options.Java : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, options.Java);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The instance with <c>urn:hl7-org:v3</c> moved to no namespace (UTF-8), or null and a problem when it cannot be read.</summary>
    private static byte[]? StripNamespace(ReadOnlyMemory<byte> semd, List<TranslationProblem> problems)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentCharacters,
            MaxCharactersFromEntities = 0,
        };
        XDocument document;
        try
        {
            using var stream = new MemoryStream(semd.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            problems.Add(new TranslationProblem(NotWellFormedCode, "Некорректный XML: " + ex.Message.Split('\n')[0], $"line {ex.LineNumber}, column {ex.LinePosition}"));
            return null;
        }

        foreach (var element in document.Descendants())
        {
            element.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == Hl7Namespace).Remove();
            if (element.Name.NamespaceName == Hl7Namespace)
            {
                element.Name = element.Name.LocalName;
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Runs Saxon over every file of <paramref name="input"/>; null when it exited 0, else a short reason.</summary>
    private async Task<string?> RunSaxonAsync(string stylesheet, string input, string output, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(ResolveJava()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = input,
        };
        foreach (var option in options.JvmOptions)
        {
            info.ArgumentList.Add(option);
        }

        info.ArgumentList.Add("-cp");
        info.ArgumentList.Add(options.SaxonJar);
        info.ArgumentList.Add("net.sf.saxon.Transform");
        info.ArgumentList.Add("-s:" + input);
        info.ArgumentList.Add("-xsl:" + stylesheet);
        info.ArgumentList.Add("-o:" + output);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return $"Saxon не завершился за {options.Timeout.TotalSeconds:0} с";
        }

        await stdout;
        var errors = await stderr;
        if (process.ExitCode == 0)
        {
            return null;
        }

        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Warning", StringComparison.Ordinal) && !l.StartsWith('{') && !l.StartsWith("XPTY", StringComparison.Ordinal))
            .Take(3);
        return $"Saxon завершился с кодом {process.ExitCode}: {string.Join(" ", lines)}";
    }

    private static void ReadSvrl(string path, List<TranslationProblem> problems)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxDocumentCharacters };
        using var reader = XmlReader.Create(path, settings);
        var svrl = XDocument.Load(reader);
        foreach (var finding in svrl.Descendants().Where(e => e.Name == Svrl + "failed-assert" || e.Name == Svrl + "successful-report"))
        {
            var text = string.Join(' ', finding.Elements(Svrl + "text").Select(t => t.Value));
            var message = Whitespace().Replace(text, " ").Trim();
            problems.Add(new TranslationProblem(ErrorCode, message.Length > 0 ? message : (string?)finding.Attribute("test") ?? "schematron",
                CleanLocation((string?)finding.Attribute("location"))));
        }
    }

    /// <summary>Saxon writes <c>/Q{}ClinicalDocument[1]/Q{urn:hl7-ru:identity}Patient[1]</c>; shown as <c>/ClinicalDocument[1]/identity:Patient[1]</c>.</summary>
    private static string? CleanLocation(string? location) =>
        location is null ? null : EmptyNamespace().Replace(RussianNamespace().Replace(location, "$1:"), string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"Q\{urn:hl7-ru:([A-Za-z]+)\}")]
    private static partial Regex RussianNamespace();

    [GeneratedRegex(@"Q\{\}")]
    private static partial Regex EmptyNamespace();
}
