using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Reads a SEMD (CDA) into a FHIR R4 document Bundle: the header (document ids, kind, title, date, confidentiality, version set,
/// patient, author, custodian, legal authenticator, service event, encounter) and the body sections with their narrative.
/// Works for any kind whose header follows the common SEMD header (119, 186, 227, …) and for older template generations.
/// The Bundle follows <c>Schemas/fhir/laboratory-186.md</c> (header part); structured body entries are not read.
/// Secure reading: DTD prohibited, no resolver, size and depth limits. Pure and deterministic.
/// </summary>
public sealed class SemdToFhirTranslator
{
    /// <summary>Largest accepted SEMD.</summary>
    public const int MaxInputBytes = 32 * 1024 * 1024;

    /// <summary>Deepest accepted element nesting.</summary>
    public const int MaxDepth = 128;

    private readonly NsiCatalog? nsi;

    /// <summary>Creates a reader; <paramref name="nsi"/> (optional) fills directory names and the 1520 kind coding of 1522-coded documents.</summary>
    public SemdToFhirTranslator(NsiCatalog? nsi = null)
    {
        this.nsi = nsi;
    }

    /// <summary>Reads a SEMD.</summary>
    public SemdReadResult Translate(ReadOnlyMemory<byte> semd)
    {
        var problems = new List<TranslationProblem>();
        if (semd.Length > MaxInputBytes)
        {
            return Failed(new TranslationProblem(TranslationErrorCodes.MalformedXml, $"Документ больше {MaxInputBytes} байт", null));
        }

        XDocument document;
        try
        {
            document = Load(semd);
        }
        catch (XmlException ex)
        {
            return Failed(new TranslationProblem(TranslationErrorCodes.MalformedXml, "Некорректный XML: " + ex.Message.Split('\n')[0], $"line {ex.LineNumber}, column {ex.LinePosition}"));
        }

        var root = document.Root!;
        if (root.Name != XName.Get("ClinicalDocument", CdaHeaderWriter.Hl7))
        {
            return Failed(new TranslationProblem(TranslationErrorCodes.NotClinicalDocument, "Корневой элемент должен быть ClinicalDocument (urn:hl7-org:v3)", "/" + root.Name.LocalName));
        }

        var reader = new CdaHeaderXmlReader(root, nsi, problems);
        var (header, sections) = reader.Read();
        if (header is null)
        {
            return new SemdReadResult(false, null, null, reader.Kind, problems);
        }

        var bundle = CdaHeaderToFhir.Build(header, sections, reader.Kind, nsi);
        return new SemdReadResult(problems.Count == 0, bundle, Serialize(bundle), reader.Kind, problems);
    }

    /// <summary>FHIR R4 JSON of a resource (UTF-8, compact).</summary>
    public static byte[] Serialize(Resource resource) =>
        JsonSerializer.SerializeToUtf8Bytes(resource, new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector));

    /// <summary>Reads SEMD safely: no DTD, no resolver, size and depth limits, line info kept; <see cref="XmlException"/> when refused.</summary>
    internal static XDocument Load(ReadOnlyMemory<byte> semd)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxInputBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        var bytes = semd.ToArray();
        using (var check = XmlReader.Create(new MemoryStream(bytes), settings))
        {
            var at = (IXmlLineInfo)check;
            try
            {
                while (check.Read())
                {
                    if (check.Depth > MaxDepth)
                    {
                        throw new XmlException($"Вложенность элементов больше {MaxDepth}", null, at.LineNumber, at.LinePosition);
                    }
                }
            }
            catch (XmlException ex) when (ex.LineNumber == 0)
            {
                // Some refusals (a DTD) come without a position: take the reader's.
                throw new XmlException(ex.Message, ex, Math.Max(at.LineNumber, 1), Math.Max(at.LinePosition, 1));
            }
        }

        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    private static SemdReadResult Failed(TranslationProblem problem) => new(false, null, null, null, [problem]);
}
