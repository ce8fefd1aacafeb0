using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// JSON walking shared by the consultation (119) and discharge summary (147) readers: typed property access with JSON-path
/// problems, and the parts both formats have in common (patient, author, address, diagnosis). Messages never quote personal data.
/// </summary>
internal sealed partial class ConsultationJsonElements(MisProfile? profile, MisFieldParser parser, List<MisProblem> problems) : MisJsonWalker(parser, problems)
{
    /// <summary>Longest accepted text of one narrative field, in characters.</summary>
    public const int MaxTextLength = 100_000;

    public static readonly string[] DateFormats = ["yyyy-MM-dd"];
    public static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    private static readonly string[] PatientProperties = ["snils", "family", "given", "patronymic", "birthDate", "gender", "omsPolicy", "address"];
    private static readonly string[] AuthorProperties = ["snils", "family", "given", "patronymic", "positionCode"];
    private static readonly string[] AddressProperties = ["text", "postalCode", "region", "aoGuid", "houseGuid"];
    private static readonly string[] DiagnosisProperties = ["icd10", "text"];

    /// <summary>Address type 3 «Адрес фактического проживания (пребывания)» (1.2.643.5.1.13.13.11.1504 v1.3), which the 119 rules demand.</summary>
    public static readonly MisCoding ActualResidence = new("3", "Адрес фактического проживания (пребывания)", "1.3");

    /// <summary>The organisation OID; with a profile, one missing from it is a problem.</summary>
    public string? OrganizationOid(JsonElement root)
    {
        var oid = String(root, "$", "organizationOid", required: true);
        if (oid is not null && profile is not null && profile.Find(oid) is null)
        {
            At("$.organizationOid")(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
            return null;
        }

        return oid;
    }

    public (DateTime Value, bool HasTime)? DateTime(JsonElement parent, string path, string name, bool required = true) =>
        String(parent, path, name, required) is { } text ? Parser.DateTime(text, name, DateFormats, DateTimeFormats, At($"{path}.{name}")) : null;

    public DateOnly? Date(JsonElement parent, string path, string name, bool required) =>
        String(parent, path, name, required) is { } text ? Parser.Date(text, name, DateFormats, At($"{path}.{name}")) : null;

    /// <summary>The patient; <paramref name="policyRequired"/> makes <c>omsPolicy</c> required.</summary>
    public (MisPatient Patient, MisAddress? Address)? Patient(JsonElement root, DateTime? documentDate, bool policyRequired)
    {
        const string path = "$.patient";
        if (Child(root, "$", "patient") is not { } pe || !Object(pe, path, PatientProperties))
        {
            return null;
        }

        var snils = Snils(pe, path);
        var family = String(pe, path, "family", required: true);
        var given = String(pe, path, "given", required: true);
        var patronymic = String(pe, path, "patronymic", required: false);
        var birth = Date(pe, path, "birthDate", required: true);
        var gender = String(pe, path, "gender", required: true) switch
        {
            "male" => "1",
            "female" => "2",
            null => null,
            _ => Report(At(path + ".gender"), MisErrorCodes.UnknownGender, "gender: ожидается male или female"),
        };
        var policyText = String(pe, path, "omsPolicy", required: policyRequired);
        var policy = policyText is null ? null : Parser.OmsPolicy(policyText, "omsPolicy", At(path + ".omsPolicy"));
        MisAddress? address = null;
        var addressOk = true;
        if (pe.TryGetProperty("address", out var ae) && ae.ValueKind != JsonValueKind.Null)
        {
            address = Address(ae, path + ".address", ActualResidence);
            addressOk = address is not null;
        }

        if (birth is not null && documentDate is not null && birth.Value > DateOnly.FromDateTime(documentDate.Value))
        {
            At(path + ".birthDate")(MisErrorCodes.DateOutOfRange, "Дата рождения позже даты документа");
            return null;
        }

        return snils is null || family is null || given is null || birth is null || gender is null || (policyText is not null && policy is null) || !addressOk
            ? null
            : (new MisPatient(snils, family, given, patronymic, birth.Value, gender, policy), address);
    }

    public MisDoctor? Author(JsonElement root) => Author(root, AuthorProperties);

    /// <summary>An address object: text, postalCode (6 digits), region (FNSI 1.2.643.5.1.13.13.99.2.206 code), aoGuid, houseGuid.</summary>
    public MisAddress? Address(JsonElement element, string path, MisCoding? type)
    {
        if (!Object(element, path, AddressProperties))
        {
            return null;
        }

        var text = String(element, path, "text", required: true);
        var postal = String(element, path, "postalCode", required: true);
        if (postal is not null && !PostalCode().IsMatch(postal))
        {
            At(path + ".postalCode")(MisErrorCodes.InvalidCode, "«postalCode»: почтовый индекс — 6 цифр");
            postal = null;
        }

        var region = String(element, path, "region", required: true) is { } r
            ? Parser.Code(r, "region", "1.2.643.5.1.13.13.99.2.206", At(path + ".region"))
            : null;
        var aoGuid = Guid(element, path, "aoGuid");
        var houseGuid = Guid(element, path, "houseGuid");
        return text is null || postal is null || region is null || aoGuid is null || houseGuid is null
            ? null
            : new MisAddress(text, postal, new MisCoding(region, string.Empty, string.Empty), aoGuid, houseGuid, type);
    }

    /// <summary>A diagnosis object: <c>icd10</c> (ICD-10 code, e.g. J18.9) and <c>text</c> (the wording).</summary>
    public MisConsultationDiagnosis? Diagnosis(JsonElement element, string path)
    {
        if (!Object(element, path, DiagnosisProperties))
        {
            return null;
        }

        var code = String(element, path, "icd10", required: true);
        if (code is not null && !IcdCode().IsMatch(code))
        {
            At(path + ".icd10")(MisErrorCodes.InvalidCode, "«icd10»: код МКБ-10 имеет вид A00, A00.0 или A00.00 (латинская буква)");
            code = null;
        }

        var text = Text(element, path, "text", required: true);
        return code is null || text is null ? null : new MisConsultationDiagnosis(code, text);
    }

    /// <summary>A narrative text: a string without control characters other than line breaks and tabs, at most <see cref="MaxTextLength"/>.</summary>
    public string? Text(JsonElement parent, string path, string name, bool required)
    {
        if (String(parent, path, name, required) is not { } value)
        {
            return null;
        }

        if (value.Length > MaxTextLength)
        {
            At($"{path}.{name}")(MisErrorCodes.InputTooLarge, $"«{name}»: текст длиннее {MaxTextLength} символов");
            return null;
        }

        if (!IsXmlText(value))
        {
            At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}»: недопустимые управляющие символы в тексте");
            return null;
        }

        return value;
    }

    /// <summary>A non-empty array (an empty one is reported with <paramref name="emptyCode"/>).</summary>
    public JsonElement? Array(JsonElement parent, string path, string name, string emptyCode) =>
        NonEmptyArray(parent, path, name, emptyCode, $"Список «{name}» пуст: нужен хотя бы один элемент");

    private string? Guid(JsonElement parent, string path, string name)
    {
        var value = String(parent, path, name, required: true);
        if (value is not null && !System.Guid.TryParseExact(value, "D", out _))
        {
            At($"{path}.{name}")(MisErrorCodes.InvalidCode, $"«{name}»: ожидается GUID ФИАС вида 0c5b2444-70a0-4932-980c-b4dc0d3f02b5");
            return null;
        }

        return value?.ToLowerInvariant();
    }

    private static bool IsXmlText(string value)
    {
        try
        {
            System.Xml.XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostalCode();

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IcdCode();
}
