using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Checks the coded elements of a SEMD against the FNSI snapshots, as REMD does on registration: every element with
/// <c>@code</c> and <c>@codeSystem</c> (no <c>@nullFlavor</c>) whose directory the reference data holds. Each is checked against
/// the declared <c>@codeSystemVersion</c> when the folder holds that version and it was in force on the document date
/// (<c>ClinicalDocument/effectiveTime</c>), else against the version in force on that date (<see cref="NsiCatalog.On(DateOnly)"/>).
/// Problems: <see cref="TranslationErrorCodes.CodeNotInDirectoryVersion"/>, <see cref="TranslationErrorCodes.DisplayNameMismatch"/>,
/// <see cref="TranslationErrorCodes.DirectoryVersionNotYetInForce"/> (a displayName may be any name column of the row: the rules of
/// some kinds want short names); location = XPath and line/column. Directories the reference
/// data lacks are not judged (the official schematron still checks what it can).
/// </summary>
public sealed class SemdCodeChecker
{
    private static readonly XNamespace V3 = "urn:hl7-org:v3";
    private readonly NsiCatalog nsi;

    /// <summary>Creates a checker over the snapshots of <paramref name="nsi"/>.</summary>
    public SemdCodeChecker(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <summary>All problems of the coded elements of <paramref name="semd"/> (empty when every held code is right).</summary>
    public IReadOnlyList<TranslationProblem> Check(ReadOnlyMemory<byte> semd)
    {
        XDocument document;
        try
        {
            document = SemdToFhirTranslator.Load(semd);
        }
        catch (XmlException ex)
        {
            return [new TranslationProblem(TranslationErrorCodes.MalformedXml, ex.Message, $"line {ex.LineNumber}, column {ex.LinePosition}")];
        }

        var root = document.Root!;
        var date = DocumentDate(root);
        var dated = nsi.On(date);
        var problems = new List<TranslationProblem>();
        foreach (var element in root.DescendantsAndSelf())
        {
            if ((string?)element.Attribute("codeSystem") is not { Length: > 0 } system || (string?)element.Attribute("code") is not { Length: > 0 } code
                || element.Attribute("nullFlavor") is not null || !nsi.HasDirectory(system))
            {
                continue;
            }

            var declared = (string?)element.Attribute("codeSystemVersion");
            var snapshot = dated.SnapshotOf(system)!;
            var where = dated.Describe(system);
            if (declared is not null && nsi.Snapshot(system, declared) is { } named)
            {
                if (date is { } d && named.PublishedOn is { } published && published > d)
                {
                    problems.Add(Problem(TranslationErrorCodes.DirectoryVersionNotYetInForce, element,
                        $"Версия {declared} справочника {system} опубликована {published.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}, позже даты документа {d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}"));
                }
                else
                {
                    snapshot = named;
                    where = $"{system} v{named.Version}";
                }
            }

            if (!snapshot.Rows.TryGetValue(code, out var entry))
            {
                problems.Add(Problem(TranslationErrorCodes.CodeNotInDirectoryVersion, element, $"Код {code} отсутствует в справочнике {where}"));
                continue;
            }

            if ((string?)element.Attribute("displayName") is { } display && !entry.Columns.Values.Append(entry.Display).Any(name => name is not null && SameName(display, name)))
            {
                problems.Add(Problem(TranslationErrorCodes.DisplayNameMismatch, element,
                    $"displayName «{display}» не совпадает с наименованием кода {code} в справочнике {where}: «{entry.Display}»"));
            }
        }

        return problems;
    }

    // ClinicalDocument/effectiveTime/@value is a TS: yyyyMMdd[HHmm[ss]][±zzzz]; the calendar day as written.
    private static DateOnly? DocumentDate(XElement root) =>
        (string?)root.Element(V3 + "effectiveTime")?.Attribute("value") is { Length: >= 8 } value
        && DateOnly.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    // A displayName must be one of the names of the row (rules pick different name columns: 141 wants 1358's SHORTNAME, most the
    // full name); FNSI names and SEMD displayNames differ only in white space runs now and then, anything else is a different name.
    private static bool SameName(string a, string b) =>
        string.Equals(CollapseSpaces(a), CollapseSpaces(b), StringComparison.Ordinal);

    private static string CollapseSpaces(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static TranslationProblem Problem(string code, XElement element, string message)
    {
        var line = (IXmlLineInfo)element;
        return new TranslationProblem(code, message, $"{XPath(element)} (line {line.LineNumber}, column {line.LinePosition})");
    }

    // An XPath with local names and 1-based positions among same-named siblings: /ClinicalDocument/component/structuredBody/component[2]/section/code.
    private static string XPath(XElement element)
    {
        var steps = new List<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var name = e.Name.Namespace == V3 || e.Name.Namespace == XNamespace.None ? e.Name.LocalName : $"{Prefix(e)}:{e.Name.LocalName}";
            var siblings = e.Parent?.Elements(e.Name).ToList();
            steps.Add(siblings is { Count: > 1 } ? $"{name}[{siblings.IndexOf(e) + 1}]" : name);
        }

        steps.Reverse();
        var path = new StringBuilder();
        foreach (var step in steps)
        {
            path.Append('/').Append(step);
        }

        return path.ToString();
    }

    private static string Prefix(XElement e) => e.GetPrefixOfNamespace(e.Name.Namespace) ?? e.Name.NamespaceName;
}
