using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON referral to hospitalisation, rehabilitation, examination or consultation
/// (<c>Schemas/mis/hospitalisationreferral.schema.json</c>): one object per document. Problems are located by JSON path
/// (<c>$.target.oid</c>); malformed JSON by <c>line L, column C</c>. Codes: <see cref="MisErrorCodes"/>.
/// </summary>
public sealed partial class HospitalisationReferralJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    /// <summary>Longest accepted free text (justification, diagnosis text).</summary>
    public const int MaxTextLength = 20_000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] DocumentProperties =
        ["$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "purpose", "target", "plannedDate", "diagnosis", "justification"];
    private static readonly string[] PatientProperties = ["snils", "family", "given", "patronymic", "birthDate", "gender", "omsPolicy"];
    private static readonly string[] AuthorProperties = ["snils", "family", "given", "patronymic", "positionCode"];
    private static readonly string[] TargetProperties = ["oid", "name"];
    private static readonly string[] DiagnosisProperties = ["code", "text"];

    /// <summary>Latest accepted planned date, counted from the document date.</summary>
    public const int MaxPlannedDays = 366;

    /// <summary>The accepted purposes and their FNSI 1.2.643.5.1.13.13.99.2.726 codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Purposes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hospitalisation"] = "13",
        ["consultation"] = "1",
        ["instrumentalStudy"] = "3",
        ["laboratoryStudy"] = "4",
    };

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public HospitalisationReferralJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    [GeneratedRegex(@"^[A-Z]\d{2}(\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10();

    [GeneratedRegex(@"^[0-2](\.(0|[1-9]\d*))+$", RegexOptions.CultureInvariant)]
    private static partial Regex OidPattern();

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<HospitalisationReferralMisDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => new Walker(this, problems).Document(root));

    private sealed class Walker(HospitalisationReferralJsonReader owner, List<MisProblem> problems) : MisJsonWalker(owner.parser, problems)
    {
        private string? Text(JsonElement parent, string path, string name, bool required) =>
            Text(parent, path, name, required, MaxTextLength);

        public HospitalisationReferralMisDocument? Document(JsonElement root)
        {
            if (!Object(root, "$", DocumentProperties))
            {
                return null;
            }

            var p = owner.parser;
            var (date, oid) = Header(root, owner.profile, DateFormats, DateTimeFormats);

            var patient = Patient(root, date?.Value, PatientProperties, DateFormats);
            var author = Author(root, AuthorProperties);
            var purpose = String(root, "$", "purpose", required: true);
            if (purpose is not null && !Purposes.ContainsKey(purpose))
            {
                At("$.purpose")(MisErrorCodes.InvalidCode, "«purpose»: ожидается hospitalisation, consultation, instrumentalStudy или laboratoryStudy");
                purpose = null;
            }

            string? targetOid = null, targetName = null;
            if (Child(root, "$", "target") is { } te && Object(te, "$.target", TargetProperties))
            {
                targetOid = String(te, "$.target", "oid", required: true);
                if (targetOid is not null && !OidPattern().IsMatch(targetOid))
                {
                    At("$.target.oid")(MisErrorCodes.InvalidCode, "«oid»: ожидается OID организации по ФРМО (например 1.2.643.5.1.13.13.12.2.77.7980)");
                    targetOid = null;
                }

                targetName = Text(te, "$.target", "name", required: true);
            }

            DateOnly? planned = null;
            var plannedOk = true;
            if (String(root, "$", "plannedDate", required: false) is { } pd)
            {
                plannedOk = false;
                if (!DateOnly.TryParseExact(pd, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
                {
                    At("$.plannedDate")(MisErrorCodes.InvalidDate, "«plannedDate»: дата некорректна или не существует (ожидается yyyy-MM-dd)");
                }
                else if (date is not null && (value < DateOnly.FromDateTime(date.Value.Value) || value > DateOnly.FromDateTime(date.Value.Value).AddDays(MaxPlannedDays)))
                {
                    At("$.plannedDate")(MisErrorCodes.DateOutOfRange, $"«plannedDate»: плановая дата должна быть не раньше даты документа и не позже {MaxPlannedDays} дней после неё");
                }
                else
                {
                    (planned, plannedOk) = (value, true);
                }
            }

            string? diagnosis = null, diagnosisText = null;
            if (Child(root, "$", "diagnosis") is { } de && Object(de, "$.diagnosis", DiagnosisProperties))
            {
                diagnosis = String(de, "$.diagnosis", "code", required: true);
                if (diagnosis is not null && !Icd10().IsMatch(diagnosis))
                {
                    At("$.diagnosis.code")(MisErrorCodes.InvalidCode, "«code»: ожидается код МКБ-10 (например I20.8 или J18)");
                    diagnosis = null;
                }

                diagnosisText = Text(de, "$.diagnosis", "text", required: false);
            }

            var justification = Text(root, "$", "justification", required: true);
            if (Number is null || date is null || oid is null || patient is null || author is null || purpose is null || targetOid is null
                || targetName is null || !plannedOk || diagnosis is null || justification is null)
            {
                return null;
            }

            return new HospitalisationReferralMisDocument(Number, date.Value.Value, oid, patient, author, Purposes[purpose], targetOid, targetName, planned,
                diagnosis, diagnosisText, justification);
        }
    }
}
