using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON inpatient discharge summary (<c>Schemas/mis/dischargesummary.schema.json</c>): one object per document.
/// Problems are located by JSON path (<c>$.diagnoses[1].icd10</c>); malformed JSON by <c>line L, column C</c>.
/// </summary>
public sealed class DischargeSummaryJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    private static readonly string[] DocumentProperties =
    [
        "$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "hospitalization", "summary", "diseaseHistory",
        "admissionState", "stay", "diagnoses", "dischargeState", "recommendations", "insurer",
        .. DischargeSummaryJsonDetails.Properties,
    ];

    private static readonly string[] StayProperties = ["admitted", "discharged", "caseNumber", "cardNumber", "serviceForm"];

    private static readonly string[] InsurerProperties = ["code", "name", "phone", "address", "policyStart"];

    private static readonly string[] ServiceForms = ["1", "2", "3"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public DischargeSummaryJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<MisDischargeSummaryDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => Document(root, new ConsultationJsonElements(profile, parser, problems)));

    private static MisDischargeSummaryDocument? Document(JsonElement root, ConsultationJsonElements j)
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

        DateTime? admitted = null;
        DateTime? discharged = null;
        string? caseNumber = null;
        string? cardNumber = null;
        string? serviceForm = null;
        var stayOk = false;
        const string sp = "$.hospitalization";
        if (j.Child(root, "$", "hospitalization") is { } he && j.Object(he, sp, StayProperties))
        {
            admitted = j.DateTime(he, sp, "admitted")?.Value;
            discharged = j.DateTime(he, sp, "discharged")?.Value;
            caseNumber = j.String(he, sp, "caseNumber", required: true);
            cardNumber = j.String(he, sp, "cardNumber", required: true);
            serviceForm = j.String(he, sp, "serviceForm", required: true);
            if (serviceForm is not null && !ServiceForms.Contains(serviceForm))
            {
                j.At(sp + ".serviceForm")(MisErrorCodes.InvalidCode, "Форма оказания помощи (1.2.643.5.1.13.13.11.1551): 1 плановая, 2 экстренная, 3 неотложная");
                serviceForm = null;
            }

            stayOk = admitted is not null && discharged is not null && caseNumber is not null && cardNumber is not null && serviceForm is not null;
            if (admitted is not null && discharged is not null && discharged < admitted)
            {
                j.At(sp + ".discharged")(ConsultationMisErrorCodes.WrongTimeOrder, "Дата выписки раньше даты поступления");
                stayOk = false;
            }

            if (discharged is not null && date is not null && discharged > date.Value.Value)
            {
                j.At(sp + ".discharged")(MisErrorCodes.DateOutOfRange, "Дата выписки позже даты документа");
                stayOk = false;
            }

            if (admitted is not null && patient is not null && DateOnly.FromDateTime(admitted.Value) < patient.Value.Patient.BirthDate)
            {
                j.At(sp + ".admitted")(MisErrorCodes.DateOutOfRange, "Дата поступления раньше даты рождения");
                stayOk = false;
            }
        }

        var summary = j.Text(root, "$", "summary", required: true);
        var disease = j.Text(root, "$", "diseaseHistory", required: true);
        var admission = j.Text(root, "$", "admissionState", required: true);
        var stay = j.Text(root, "$", "stay", required: true);
        var diagnoses = new List<MisConsultationDiagnosis>();
        var diagnosesOk = false;
        if (j.Array(root, "$", "diagnoses", DischargeSummaryMisErrorCodes.NoDiagnoses) is { } de)
        {
            diagnosesOk = true;
            var i = 0;
            foreach (var item in de.EnumerateArray())
            {
                if (j.Diagnosis(item, $"$.diagnoses[{i}]") is { } d)
                {
                    diagnoses.Add(d);
                }
                else
                {
                    diagnosesOk = false;
                }

                i++;
            }
        }

        var insurer = Insurer(root, j);
        var dischargeState = j.Text(root, "$", "dischargeState", required: true);
        var recommendations = j.Text(root, "$", "recommendations", required: true);
        var details = DischargeSummaryJsonDetails.Read(root, j);

        if (j.Number is null || date is null || oid is null || patient is null || author is null || !stayOk || summary is null || stay is null
            || disease is null || admission is null || !diagnosesOk || dischargeState is null || recommendations is null || insurer is null || details is null)
        {
            return null;
        }

        return new MisDischargeSummaryDocument(j.Number, date.Value.Value, oid, patient.Value.Patient, patient.Value.Address, author, admitted!.Value,
            discharged!.Value, caseNumber!, cardNumber!, summary, disease, admission, stay, diagnoses, dischargeState, recommendations, serviceForm!, insurer, details);
    }

    /// <summary>The OMS insurer (the source of payment of SEMD 147), in the format of the consultation's <c>insurer</c>.</summary>
    private static MisConsultationInsurer? Insurer(JsonElement root, ConsultationJsonElements j)
    {
        const string ip = "$.insurer";
        if (j.Child(root, "$", "insurer") is not { } ie || !j.Object(ie, ip, InsurerProperties))
        {
            return null;
        }

        var code = j.String(ie, ip, "code", required: true) is { } c ? j.Parser.Code(c, "code", "1.2.643.5.1.13.13.99.2.183", j.At(ip + ".code")) : null;
        var name = j.String(ie, ip, "name", required: true);
        var phone = j.String(ie, ip, "phone", required: true);
        var address = j.Child(ie, ip, "address") is { } ae ? j.Address(ae, ip + ".address", null) : null;
        var policyText = j.String(ie, ip, "policyStart", required: false);
        var policyStart = policyText is null ? null : j.Parser.Date(policyText, "policyStart", ConsultationJsonElements.DateFormats, j.At(ip + ".policyStart"));
        return code is not null && name is not null && phone is not null && address is not null && (policyText is null || policyStart is not null)
            ? new MisConsultationInsurer(code, name, phone, address, policyStart)
            : null;
    }
}
