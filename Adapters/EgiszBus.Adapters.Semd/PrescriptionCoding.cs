using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Coded values and units of the prescription kinds 148 and 141: codes of held FNSI directories are checked against the snapshot,
/// (the dated view of the document's reader, see <see cref="FhirHeaderReader.Nsi"/>), codes of the other directories are taken as sent with the directory name from <paramref name="unverifiedDirectoryNames"/>
/// (else from <see cref="SemdKinds.DirectoryNames"/>).
/// </summary>
internal sealed class PrescriptionCoding(IReadOnlyDictionary<string, string> unverifiedDirectoryNames)
{
    private const string UnitSystem = "1.2.643.5.1.13.13.11.1358";

    /// <summary>A coded value: from the snapshot when the directory is held (unknown code = TRN-011), else as sent (code, display, version required).</summary>
    public CdaCode? Code(FhirHeaderReader reader, IEnumerable<Coding>? codings, IReadOnlyCollection<string> systems, string path, string what)
    {
        var coding = codings?.FirstOrDefault(x => systems.Any(s => x.System == "urn:oid:" + s));
        var expected = string.Join(" или ", systems.Select(s => "urn:oid:" + s));
        if (coding is null || string.IsNullOrEmpty(coding.Code))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"{what}: coding {expected} обязателен", path);
            return null;
        }

        var system = coding.System![8..];
        if (reader.Nsi.HasDirectory(system))
        {
            return reader.Code(coding, path);
        }

        if (string.IsNullOrEmpty(coding.Display) || string.IsNullOrEmpty(coding.Version))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"{what}: coding {expected} с code, display и version обязателен", path);
            return null;
        }

        return new CdaCode(coding.Code, system, unverifiedDirectoryNames.GetValueOrDefault(system) ?? SemdKinds.DirectoryNames.GetValueOrDefault(system), coding.Version, coding.Display);
    }

    /// <summary>
    /// A unit of 1.2.643.5.1.13.13.11.1358 by code (unknown = TRN-011) with its UCUM code; <paramref name="shortName"/> takes the display from
    /// the SHORTNAME column (the 141 rules want «сут», «ч», «%», … in translations of times and percentages).
    /// </summary>
    public (CdaCode Code, string Ucum)? Unit(FhirHeaderReader reader, string? code, string path, bool shortName)
    {
        if (string.IsNullOrEmpty(code))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Единица измерения (code справочника urn:oid:{UnitSystem}) обязательна", path);
            return null;
        }

        if (reader.Nsi.Find(UnitSystem, code) is not { } entry)
        {
            reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {code} отсутствует в справочнике {reader.Nsi.Describe(UnitSystem)}", path);
            return null;
        }

        var display = shortName && entry.Columns.GetValueOrDefault("SHORTNAME") is { Length: > 0 } s ? s : entry.Display;
        var ucum = entry.Columns.GetValueOrDefault("UCUM");
        return (new CdaCode(entry.Code, UnitSystem, entry.DirectoryName, entry.Version, display),
            string.IsNullOrWhiteSpace(ucum) ? "1" : ucum.Replace(" ", string.Empty, StringComparison.Ordinal));
    }
}
