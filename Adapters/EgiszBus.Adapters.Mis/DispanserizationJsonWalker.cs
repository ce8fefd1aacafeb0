using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// JSON reading shared by <see cref="DispanserizationJsonReader"/> (kind 122) and <see cref="SportsClearanceJsonReader"/> (kind 83):
/// input checks (size, BOM, emptiness, malformed JSON with line/column), strict objects (unknown properties are problems),
/// the common header (patient, author, visit) and coded values. Every problem carries a JSON path such as <c>$.diagnoses[1].icd10</c>.
/// </summary>
internal sealed partial class DispanserizationJsonWalker(MisProfile? profile, MisFieldParser parser, List<MisProblem> problems) : MisJsonWalker(parser, problems)
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    /// <summary>Longest accepted free text.</summary>
    public const int MaxTextLength = 20000;

    public static readonly string[] DateFormats = ["yyyy-MM-dd"];
    public static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    private static readonly string[] AuthorProperties = ["snils", "family", "given", "patronymic", "positionCode"];
    private static readonly string[] CodingProperties = ["code", "display", "version"];

    /// <summary>documentNumber, documentDate, organizationOid (checked against the profile).</summary>
    public (string? Number, DateTime? Date, string? Oid) Document(JsonElement root)
    {
        Number = String(root, "$", "documentNumber", required: true);
        var date = String(root, "$", "documentDate", required: true) is { } d
            ? Parser.DateTime(d, "documentDate", DateFormats, DateTimeFormats, At("$.documentDate"))?.Value
            : null;
        var oid = String(root, "$", "organizationOid", required: true);
        if (oid is not null && profile is not null && profile.Find(oid) is null)
        {
            At("$.organizationOid")(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
        }

        return (Number, date, oid);
    }

    /// <summary>The patient; <paramref name="extra"/> names further properties the caller reads itself.</summary>
    public MisPatient? Patient(JsonElement root, DateTime? documentDate, bool policyRequired, params string[] extra)
    {
        const string path = "$.patient";
        if (Child(root, "$", "patient") is not { } pe || !Object(pe, path, ["snils", "family", "given", "patronymic", "birthDate", "gender", "omsPolicy", .. extra]))
        {
            return null;
        }

        var snils = Snils(pe, path);
        var family = String(pe, path, "family", required: true);
        var given = String(pe, path, "given", required: true);
        var patronymic = String(pe, path, "patronymic", required: false);
        var birth = String(pe, path, "birthDate", required: true) is { } b ? Parser.Date(b, "birthDate", DateFormats, At(path + ".birthDate")) : null;
        var genderText = String(pe, path, "gender", required: true);
        string? gender = null;
        if (genderText is "male" or "female")
        {
            gender = genderText == "male" ? "1" : "2";
        }
        else if (genderText is not null)
        {
            At(path + ".gender")(MisErrorCodes.UnknownGender, "gender: ожидается male или female");
        }

        var policyText = String(pe, path, "omsPolicy", required: policyRequired);
        var policy = policyText is null ? null : Parser.OmsPolicy(policyText, "omsPolicy", At(path + ".omsPolicy"));
        if (birth is not null && documentDate is not null && birth.Value > DateOnly.FromDateTime(documentDate.Value))
        {
            At(path + ".birthDate")(MisErrorCodes.DateOutOfRange, "Дата рождения позже даты документа");
            birth = null;
        }

        return snils is null || family is null || given is null || birth is null || gender is null || (policyText is not null && policy is null)
            ? null
            : new MisPatient(snils, family, given, patronymic, birth.Value, gender, policy);
    }

    /// <summary>The author (also the legal authenticator and the performer of the service event).</summary>
    public MisDoctor? Author(JsonElement root) => Author(root, AuthorProperties);

    /// <summary>
    /// The visit: caseNumber (optional, defaults to the document number), medicalCardNumber, examinationStart and examinationEnd
    /// (start ≤ end ≤ document date).
    /// </summary>
    public (string? Case, string? Card, DateTime? Start, DateTime? End) Visit(JsonElement root, DateTime? documentDate)
    {
        var caseNumber = String(root, "$", "caseNumber", required: false) ?? Number;
        var card = String(root, "$", "medicalCardNumber", required: true);
        var start = DateTime(root, "$", "examinationStart", required: true);
        var end = DateTime(root, "$", "examinationEnd", required: true);
        if (start is not null && end is not null && end < start)
        {
            At("$.examinationEnd")(MisErrorCodes.DateOutOfRange, "Окончание осмотра раньше его начала");
            end = null;
        }
        else if (end is not null && documentDate is not null && end > documentDate
                 && !(documentDate.Value.TimeOfDay == TimeSpan.Zero && end.Value.Date == documentDate.Value.Date))
        {
            At("$.examinationEnd")(MisErrorCodes.DateOutOfRange, "Окончание осмотра позже даты документа");
            end = null;
        }

        return (caseNumber, card, start, end);
    }

    /// <summary>A date or date-time property.</summary>
    public DateTime? DateTime(JsonElement parent, string path, string name, bool required) =>
        String(parent, path, name, required) is { } text ? Parser.DateTime(text, name, DateFormats, DateTimeFormats, At($"{path}.{name}"))?.Value : null;

    /// <summary>A coded value <c>{ "code", "display", "version" }</c> of a directory the hub holds no snapshot of (taken as sent).</summary>
    public MisCoding? Coding(JsonElement parent, string path, string name, string directory)
    {
        var at = $"{path}.{name}";
        if (Child(parent, path, name) is not { } element || !Object(element, at, CodingProperties))
        {
            return null;
        }

        var code = String(element, at, "code", required: true) is { } c ? Parser.Code(c, "code", directory, At(at + ".code")) : null;
        var display = String(element, at, "display", required: true);
        var version = String(element, at, "version", required: true);
        if (version is not null && !VersionForm().IsMatch(version))
        {
            At(at + ".version")(MisErrorCodes.InvalidCode, $"«version»: версия справочника {directory} должна иметь вид 1.2");
            version = null;
        }

        return code is null || display is null || version is null ? null : new MisCoding(code, display, version);
    }

    /// <summary>An ICD-10 code (1.2.643.5.1.13.13.11.1005), e.g. <c>Z00.0</c>.</summary>
    public string? Icd10(JsonElement parent, string path, string name)
    {
        if (String(parent, path, name, required: true) is not { } value)
        {
            return null;
        }

        if (!IcdForm().IsMatch(value))
        {
            At($"{path}.{name}")(MisErrorCodes.InvalidCode, $"«{name}»: код МКБ-10 должен иметь вид A00 или A00.0");
            return null;
        }

        return value;
    }

    /// <summary>A non-empty array property; an empty one is <see cref="MisErrorCodes.NoResults"/>.</summary>
    public JsonElement? List(JsonElement parent, string path, string name, string emptyMessage) =>
        NonEmptyArray(parent, path, name, MisErrorCodes.NoResults, emptyMessage);

    /// <summary>Every string of these formats is at most <see cref="MaxTextLength"/> characters.</summary>
    protected override string? Accept(string path, string name, string value)
    {
        if (value.Length > MaxTextLength)
        {
            At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}»: не более {MaxTextLength.ToString(CultureInfo.InvariantCulture)} символов");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IcdForm();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionForm();
}
