using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON consultation protocol (<c>Schemas/mis/consultation.schema.json</c>): one object per document. Problems are
/// located by JSON path (<c>$.visit.start</c>); malformed JSON by <c>line L, column C</c>.
/// </summary>
public sealed class ConsultationJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    /// <summary>Accepted <c>condition</c> values and their FNSI 1.2.643.5.1.13.13.11.1006 codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Conditions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["satisfactory"] = "1",
        ["moderate"] = "2",
        ["severe"] = "3",
    };

    private static readonly string[] DocumentProperties =
    [
        "$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "visit", "insurer", "complaints", "diseaseHistory",
        "lifeHistory", "examination", "condition", "diagnosis", "recommendations",
    ];

    private static readonly string[] VisitProperties = ["start", "end", "kind", "caseNumber", "cardNumber"];
    private static readonly string[] InsurerProperties = ["code", "name", "phone", "address", "policyStart"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public ConsultationJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<MisConsultationDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => Document(root, new ConsultationJsonElements(profile, parser, problems)));

    private static MisConsultationDocument? Document(JsonElement root, ConsultationJsonElements j)
    {
        if (!j.Object(root, "$", DocumentProperties))
        {
            return null;
        }

        j.Number = j.String(root, "$", "documentNumber", required: true);
        var date = j.DateTime(root, "$", "documentDate");
        var oid = j.OrganizationOid(root);
        var patient = j.Patient(root, date?.Value, policyRequired: true);
        var author = j.Author(root);

        DateTime? start = null;
        DateTime? end = null;
        bool? repeated = null;
        string? caseNumber = null;
        string? cardNumber = null;
        var visitOk = false;
        if (j.Child(root, "$", "visit") is { } ve && j.Object(ve, "$.visit", VisitProperties))
        {
            start = j.DateTime(ve, "$.visit", "start")?.Value;
            var endText = j.String(ve, "$.visit", "end", required: false);
            var endGiven = endText is not null;
            end = endText is null ? null : j.Parser.DateTime(endText, "end", ConsultationJsonElements.DateFormats, ConsultationJsonElements.DateTimeFormats, j.At("$.visit.end"))?.Value;
            repeated = j.String(ve, "$.visit", "kind", required: true) switch
            {
                "primary" => false,
                "repeated" => true,
                null => null,
                _ => Unknown<bool?>(j, "$.visit.kind", "kind: ожидается primary (первичный) или repeated (повторный)"),
            };
            caseNumber = j.String(ve, "$.visit", "caseNumber", required: true);
            cardNumber = j.String(ve, "$.visit", "cardNumber", required: true);
            visitOk = start is not null && (!endGiven || end is not null) && repeated is not null && caseNumber is not null && cardNumber is not null;
            if (start is not null && end is not null && end < start)
            {
                j.At("$.visit.end")(ConsultationMisErrorCodes.WrongTimeOrder, "Окончание консультации раньше её начала");
                visitOk = false;
            }

            if (start is not null && date is not null && start > date.Value.Value)
            {
                j.At("$.visit.start")(MisErrorCodes.DateOutOfRange, "Начало консультации позже даты документа");
                visitOk = false;
            }
        }

        MisConsultationInsurer? insurer = null;
        if (j.Child(root, "$", "insurer") is { } ie && j.Object(ie, "$.insurer", InsurerProperties))
        {
            var code = j.String(ie, "$.insurer", "code", required: true) is { } c ? j.Parser.Code(c, "code", "1.2.643.5.1.13.13.99.2.183", j.At("$.insurer.code")) : null;
            var name = j.String(ie, "$.insurer", "name", required: true);
            var phone = j.String(ie, "$.insurer", "phone", required: true);
            var address = j.Child(ie, "$.insurer", "address") is { } ae ? j.Address(ae, "$.insurer.address", null) : null;
            var policyText = j.String(ie, "$.insurer", "policyStart", required: false);
            var policyGiven = policyText is not null;
            var policyStart = policyText is null ? null : j.Parser.Date(policyText, "policyStart", ConsultationJsonElements.DateFormats, j.At("$.insurer.policyStart"));
            if (code is not null && name is not null && phone is not null && address is not null && (!policyGiven || policyStart is not null))
            {
                insurer = new MisConsultationInsurer(code, name, phone, address, policyStart);
            }
        }

        var complaints = j.Text(root, "$", "complaints", required: false);
        var disease = j.Text(root, "$", "diseaseHistory", required: true);
        var life = j.Text(root, "$", "lifeHistory", required: true);
        var examination = j.Text(root, "$", "examination", required: true);
        var condition = j.String(root, "$", "condition", required: true) is { } cond
            ? Conditions.TryGetValue(cond, out var conditionCode)
                ? conditionCode
                : Unknown<string?>(j, "$.condition", "condition: ожидается satisfactory, moderate или severe")
            : null;
        var diagnosis = j.Child(root, "$", "diagnosis") is { } de ? j.Diagnosis(de, "$.diagnosis") : null;
        var recommendations = j.Text(root, "$", "recommendations", required: false);

        if (j.Number is null || date is null || oid is null || patient is null || author is null || !visitOk || insurer is null || disease is null
            || life is null || examination is null || condition is null || diagnosis is null)
        {
            return null;
        }

        return new MisConsultationDocument(j.Number, date.Value.Value, oid, patient.Value.Patient, patient.Value.Address, author, insurer, start!.Value, end,
            caseNumber!, cardNumber!, repeated!.Value, complaints, disease, life, examination, condition, diagnosis, recommendations);
    }

    private static T Unknown<T>(ConsultationJsonElements j, string path, string message)
    {
        j.At(path)(ConsultationMisErrorCodes.UnknownValue, message);
        return default!;
    }
}
