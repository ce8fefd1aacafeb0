using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON referral to medical-social expertise (<c>Schemas/mis/msereferral.schema.json</c>): one object per document.
/// Structure problems come from the strict deserializer (unknown or missing property, wrong JSON type) located by its JSON path;
/// value problems (SNILS, dates, codes) are located by the property's JSON path; malformed JSON by <c>line L, column C</c>.
/// </summary>
public sealed partial class MseReferralJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public MseReferralJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<MseReferralDocument> Read(ReadOnlyMemory<byte> json)
    {
        if (json.Length > MaxInputBytes)
        {
            return Failed(new MisProblem(MisErrorCodes.InputTooLarge, $"Документ больше {MaxInputBytes} байт", null));
        }

        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (json.Span.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty)
        {
            return Failed(new MisProblem(MisErrorCodes.EmptyInput, "Документ пуст", "$"));
        }

        try
        {
            using (JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 }))
            {
            }
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : null;
            return Failed(new MisProblem(MisErrorCodes.MalformedInput, "Некорректный JSON: " + ex.Message.Split('\n')[0].Trim(), at));
        }

        MseReferralDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<MseReferralDocument>(WithoutSchema(json), Options);
        }
        catch (JsonException ex)
        {
            var missing = MissingProperty().Match(ex.Message);
            var path = ex.Path ?? "$";
            return missing.Success
                ? Failed(new MisProblem(MisErrorCodes.MissingValue, $"Не заполнено обязательное свойство «{missing.Groups[1].Value}»", Join(path, missing.Groups[1].Value)))
                : Failed(new MisProblem(MisErrorCodes.InvalidStructure, "Структура документа не соответствует схеме: " + ex.Message.Split('.')[0], path));
        }

        if (document is null)
        {
            return Failed(new MisProblem(MisErrorCodes.InvalidStructure, "Ожидается объект JSON", "$"));
        }

        var problems = new List<MisProblem>();
        Check(document, problems);
        return new MisReadResult<MseReferralDocument>(problems.Count > 0 ? [] : [document], problems);
    }

    private void Check(MseReferralDocument d, List<MisProblem> problems)
    {
        MisFieldParser.Report At(string path) => (code, message) => problems.Add(new MisProblem(code, message, path, d.DocumentNumber));
        void Required(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                At(path)(MisErrorCodes.MissingValue, $"Не заполнено обязательное свойство «{path[(path.LastIndexOf('.') + 1)..]}»");
            }
        }

        var p = parser;
        Required(d.DocumentNumber, "$.documentNumber");
        var date = p.DateTime(d.DocumentDate, "documentDate", DateFormats, DateTimeFormats, At("$.documentDate"));
        if (profile is not null && profile.Find(d.OrganizationOid) is null)
        {
            At("$.organizationOid")(MisErrorCodes.UnknownOrganization, $"Организация {d.OrganizationOid} не описана в региональном профиле");
        }

        p.Snils(d.Patient.Snils, "snils", At("$.patient.snils"));
        Required(d.Patient.Family, "$.patient.family");
        Required(d.Patient.Given, "$.patient.given");
        Required(d.Patient.Phone, "$.patient.phone");
        var birth = p.Date(d.Patient.BirthDate, "birthDate", DateFormats, At("$.patient.birthDate"));
        if (birth is not null && date is not null && birth.Value > DateOnly.FromDateTime(date.Value.Value))
        {
            At("$.patient.birthDate")(MisErrorCodes.DateOutOfRange, "Дата рождения позже даты документа");
        }

        if (d.Patient.Gender is not ("male" or "female"))
        {
            At("$.patient.gender")(MisErrorCodes.UnknownGender, "gender: ожидается male или female");
        }

        p.OmsPolicy(d.Patient.OmsPolicy, "omsPolicy", At("$.patient.omsPolicy"));
        Required(d.Patient.Passport.Series, "$.patient.passport.series");
        Required(d.Patient.Passport.Number, "$.patient.passport.number");
        Required(d.Patient.Passport.IssuedBy, "$.patient.passport.issuedBy");
        Required(d.Patient.Passport.IssuerCode, "$.patient.passport.issuerCode");
        p.Date(d.Patient.Passport.IssueDate, "issueDate", DateFormats, At("$.patient.passport.issueDate"));

        p.Snils(d.Author.Snils, "snils", At("$.author.snils"));
        Required(d.Author.Family, "$.author.family");
        Required(d.Author.Given, "$.author.given");
        p.Code(d.Author.PositionCode, "positionCode", "1.2.643.5.1.13.13.11.1002", At("$.author.positionCode"));

        Required(d.CommissionProtocol.Number, "$.commissionProtocol.number");
        var protocol = p.Date(d.CommissionProtocol.Date, "date", DateFormats, At("$.commissionProtocol.date"));
        if (protocol is not null && date is not null && protocol.Value > DateOnly.FromDateTime(date.Value.Value))
        {
            At("$.commissionProtocol.date")(MisErrorCodes.DateOutOfRange, "Дата протокола врачебной комиссии позже даты документа");
        }

        if (d.Purposes.Count == 0)
        {
            At("$.purposes")(MisErrorCodes.MissingValue, "Не указана ни одна цель направления (purposes)");
        }

        for (var i = 0; i < d.Purposes.Count; i++)
        {
            Coding(d.Purposes[i], $"$.purposes[{i}]");
        }

        Coding(d.Order, "$.order");
        Coding(d.Category, "$.category");
        Coding(d.Bureau.Type, "$.bureau.type");
        Required(d.Bureau.Oid, "$.bureau.oid");
        Required(d.Bureau.Name, "$.bureau.name");
        if (d.Bureau.Ogrn.Length != 13 || !d.Bureau.Ogrn.All(char.IsAsciiDigit))
        {
            At("$.bureau.ogrn")(MisErrorCodes.InvalidCode, "ОГРН бюро МСЭ должен состоять из 13 цифр");
        }

        foreach (var (value, path) in new[]
                 {
                     (d.Work, "$.work"), (d.Education, "$.education"), (d.DiseaseHistory, "$.diseaseHistory"), (d.LifeHistory, "$.lifeHistory"),
                     (d.Condition, "$.condition"), (d.Scores, "$.scores"), (d.Diagnosis.Text, "$.diagnosis.text"),
                     (d.Recommendations.Rehabilitation, "$.recommendations.rehabilitation"),
                     (d.Recommendations.ReconstructiveSurgery, "$.recommendations.reconstructiveSurgery"),
                     (d.Recommendations.Prosthetics, "$.recommendations.prosthetics"), (d.Recommendations.SpaTreatment, "$.recommendations.spaTreatment"),
                     (d.Recommendations.MedicalDevices, "$.recommendations.medicalDevices"),
                     (d.Recommendations.Other, "$.recommendations.other"),
                 })
        {
            Required(value, path);
        }

        p.DateTime(d.Vitals.Date, "date", DateFormats, DateTimeFormats, At("$.vitals.date"));
        foreach (var (value, path) in new[] { (d.Vitals.Height, "$.vitals.height"), (d.Vitals.Weight, "$.vitals.weight"), (d.Vitals.BodyMassIndex, "$.vitals.bodyMassIndex") })
        {
            if (value <= 0)
            {
                At(path)(MisErrorCodes.InvalidNumber, "Значение должно быть положительным числом");
            }
        }

        Coding(d.PhysicalDevelopment, "$.physicalDevelopment");
        if (!IcdCode().IsMatch(d.Diagnosis.Icd10))
        {
            At("$.diagnosis.icd10")(MisErrorCodes.InvalidCode, "Код МКБ-10 должен иметь вид A00 или A00.0");
        }

        Coding(d.Diagnosis.Status, "$.diagnosis.status");
        Coding(d.Diagnosis.Character, "$.diagnosis.character");
        p.Date(d.Consent.Date, "date", DateFormats, At("$.consent.date"));
        Coding(d.Consent.Form, "$.consent.form");
        if (d.Consent.Notifications.Count is < 1 or > 3)
        {
            At("$.consent.notifications")(MisErrorCodes.InvalidStructure, "Способов информирования должно быть от 1 до 3");
        }

        for (var i = 0; i < d.Consent.Notifications.Count; i++)
        {
            Coding(d.Consent.Notifications[i], $"$.consent.notifications[{i}]");
        }

        void Coding(MisCoding coding, string path)
        {
            Required(coding.Code, path + ".code");
            Required(coding.Display, path + ".display");
            Required(coding.Version, path + ".version");
        }
    }

    private static byte[] WithoutSchema(ReadOnlyMemory<byte> json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json.Span);
        if (node is System.Text.Json.Nodes.JsonObject o)
        {
            o.Remove("$schema");
        }

        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private static string Join(string path, string property)
    {
        var name = char.ToLowerInvariant(property[0]) + property[1..];
        return path == "$" ? "$." + name : path + "." + name;
    }

    private static MisReadResult<MseReferralDocument> Failed(MisProblem problem) => new([], [problem]);

    [GeneratedRegex(@"missing required properties?(?: including)?:? '([^']+)'", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MissingProperty();

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IcdCode();
}
