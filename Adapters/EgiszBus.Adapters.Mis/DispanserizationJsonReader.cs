using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON document with the results of a dispanserization or preventive medical examination
/// (<c>Schemas/mis/dispanserization.schema.json</c>, SEMD 122): one object per document. Problems are located by JSON path
/// (<c>$.diagnoses[1].icd10</c>); malformed JSON by <c>line L, column C</c>.
/// </summary>
public sealed class DispanserizationJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = DispanserizationJsonWalker.MaxInputBytes;

    private static readonly string[] DocumentProperties =
    [
        "$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "caseNumber", "medicalCardNumber", "serviceEvent",
        "examinationStart", "examinationEnd", "healthGroup", "dispensaryStatus", "summary", "diagnoses",
    ];

    private static readonly string[] DiagnosisProperties = ["icd10", "text"];

    /// <summary>City/village sign, FNSI 1.2.643.5.1.13.13.11.1042 (not among the snapshots; names as in the FNSI registry).</summary>
    private static readonly Dictionary<string, MisCoding> Residences = new(StringComparer.Ordinal)
    {
        ["city"] = new MisCoding("1", "Город", "1.1"),
        ["village"] = new MisCoding("2", "Село", "1.1"),
    };

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public DispanserizationJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<MisDispanserizationDocument> Read(ReadOnlyMemory<byte> json)
    {
        using var document = MisJsonWalker.Parse(json, MaxInputBytes, out var failure);
        if (document is null)
        {
            return new MisReadResult<MisDispanserizationDocument>([], [failure!]);
        }

        var problems = new List<MisProblem>();
        var result = Document(new DispanserizationJsonWalker(profile, parser, problems), document.RootElement);
        return new MisReadResult<MisDispanserizationDocument>(result is null || problems.Count > 0 ? [] : [result], problems);
    }

    private static MisDispanserizationDocument? Document(DispanserizationJsonWalker w, JsonElement root)
    {
        if (!w.Object(root, "$", DocumentProperties))
        {
            return null;
        }

        var (number, date, oid) = w.Document(root);
        var patient = w.Patient(root, date, policyRequired: false, "residence");
        MisCoding? residence = null;
        if (root.TryGetProperty("patient", out var pe) && pe.ValueKind == JsonValueKind.Object)
        {
            var text = w.String(pe, "$.patient", "residence", required: true);
            if (text is not null && !Residences.TryGetValue(text, out residence))
            {
                w.At("$.patient.residence")(MisErrorCodes.InvalidCode, "residence: ожидается city (житель города) или village (житель села)");
            }
        }

        var author = w.Author(root);
        var (caseNumber, card, start, end) = w.Visit(root, date);
        var serviceEvent = w.String(root, "$", "serviceEvent", required: false) ?? "14";
        if (serviceEvent is not ("14" or "10"))
        {
            w.At("$.serviceEvent")(MisErrorCodes.InvalidCode, "serviceEvent: ожидается 14 (Диспансеризация) или 10 (Профилактический медицинский осмотр), справочник 1.2.643.5.1.13.13.99.2.726");
        }

        var group = w.Coding(root, "$", "healthGroup", "1.2.643.5.1.13.13.99.2.766");
        var status = w.Coding(root, "$", "dispensaryStatus", "1.2.643.5.1.13.13.11.1047");
        var summary = w.String(root, "$", "summary", required: false);
        var diagnoses = new List<MisDispanserizationDiagnosis>();
        var complete = true;
        if (w.List(root, "$", "diagnoses", "Документ без диагнозов: diagnoses пуст (нужен хотя бы основной диагноз, например Z00.0)") is { } list)
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"$.diagnoses[{i++}]";
                if (!w.Object(item, path, DiagnosisProperties))
                {
                    complete = false;
                    continue;
                }

                var icd = w.Icd10(item, path, "icd10");
                var text = w.String(item, path, "text", required: false);
                if (icd is null)
                {
                    complete = false;
                    continue;
                }

                diagnoses.Add(new MisDispanserizationDiagnosis(icd, text));
            }
        }

        if (number is null || date is null || oid is null || patient is null || residence is null || author is null || caseNumber is null || card is null
            || start is null || end is null || group is null || status is null || diagnoses.Count == 0 || !complete || serviceEvent is not ("14" or "10"))
        {
            return null;
        }

        return new MisDispanserizationDocument(number, date.Value, oid, patient, residence, author, caseNumber, card, serviceEvent, start.Value, end.Value,
            group, status, summary, diagnoses);
    }
}
