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
    public MisReadResult<HospitalisationReferralMisDocument> Read(ReadOnlyMemory<byte> json)
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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : null;
            return Failed(new MisProblem(MisErrorCodes.MalformedInput, "Некорректный JSON: " + ex.Message.Split('\n')[0].Trim(), at));
        }

        using (document)
        {
            var problems = new List<MisProblem>();
            var result = new Walker(this, problems).Document(document.RootElement);
            return new MisReadResult<HospitalisationReferralMisDocument>(result is null || problems.Count > 0 ? [] : [result], problems);
        }
    }

    private static MisReadResult<HospitalisationReferralMisDocument> Failed(MisProblem problem) => new([], [problem]);

    private sealed class Walker(HospitalisationReferralJsonReader owner, List<MisProblem> problems)
    {
        private string? number;

        public HospitalisationReferralMisDocument? Document(JsonElement root)
        {
            if (!Object(root, "$", DocumentProperties))
            {
                return null;
            }

            var p = owner.parser;
            number = String(root, "$", "documentNumber", required: true);
            var date = String(root, "$", "documentDate", required: true) is { } d
                ? p.DateTime(d, "documentDate", DateFormats, DateTimeFormats, At("$.documentDate"))
                : null;
            var oid = String(root, "$", "organizationOid", required: true);
            if (oid is not null && owner.profile is { } profile && profile.Find(oid) is null)
            {
                At("$.organizationOid")(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
            }

            var patient = Patient(root, date?.Value);
            var author = Author(root);
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
            if (number is null || date is null || oid is null || patient is null || author is null || purpose is null || targetOid is null
                || targetName is null || !plannedOk || diagnosis is null || justification is null)
            {
                return null;
            }

            return new HospitalisationReferralMisDocument(number, date.Value.Value, oid, patient, author, Purposes[purpose], targetOid, targetName, planned,
                diagnosis, diagnosisText, justification);
        }

        private MisPatient? Patient(JsonElement root, DateTime? date)
        {
            if (Child(root, "$", "patient") is not { } pe || !Object(pe, "$.patient", PatientProperties))
            {
                return null;
            }

            var p = owner.parser;
            var snils = Snils(pe, "$.patient");
            var family = String(pe, "$.patient", "family", required: true);
            var given = String(pe, "$.patient", "given", required: true);
            var patronymic = String(pe, "$.patient", "patronymic", required: false);
            var birth = String(pe, "$.patient", "birthDate", required: true) is { } b ? p.Date(b, "birthDate", DateFormats, At("$.patient.birthDate")) : null;
            var gender = String(pe, "$.patient", "gender", required: true) switch
            {
                "male" => "1",
                "female" => "2",
                null => null,
                _ => Report(At("$.patient.gender"), MisErrorCodes.UnknownGender, "gender: ожидается male или female"),
            };
            var policy = String(pe, "$.patient", "omsPolicy", required: false) is { } o ? p.OmsPolicy(o, "omsPolicy", At("$.patient.omsPolicy")) : null;
            if (birth is not null && date is not null && birth.Value > DateOnly.FromDateTime(date.Value))
            {
                At("$.patient.birthDate")(MisErrorCodes.DateOutOfRange, "Дата рождения позже даты документа");
                return null;
            }

            return snils is null || family is null || given is null || birth is null || gender is null
                ? null
                : new MisPatient(snils, family, given, patronymic, birth.Value, gender, policy);
        }

        private MisDoctor? Author(JsonElement root)
        {
            if (Child(root, "$", "author") is not { } ae || !Object(ae, "$.author", AuthorProperties))
            {
                return null;
            }

            var snils = Snils(ae, "$.author");
            var family = String(ae, "$.author", "family", required: true);
            var given = String(ae, "$.author", "given", required: true);
            var patronymic = String(ae, "$.author", "patronymic", required: false);
            var position = String(ae, "$.author", "positionCode", required: true) is { } pc
                ? owner.parser.Code(pc, "positionCode", "1.2.643.5.1.13.13.11.1002", At("$.author.positionCode"))
                : null;
            return snils is null || family is null || given is null || position is null ? null : new MisDoctor(snils, family, given, patronymic, position);
        }

        private static string? Report(MisFieldParser.Report at, string code, string message)
        {
            at(code, message);
            return null;
        }

        private string? Snils(JsonElement parent, string path) =>
            String(parent, path, "snils", required: true) is { } s ? owner.parser.Snils(s, "snils", At(path + ".snils")) : null;

        private string? Text(JsonElement parent, string path, string name, bool required)
        {
            var value = String(parent, path, name, required);
            if (value is { Length: > MaxTextLength })
            {
                At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}» длиннее {MaxTextLength} символов");
                return null;
            }

            return value;
        }

        private bool Object(JsonElement element, string path, string[] known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                At(path)(MisErrorCodes.InvalidStructure, "Ожидается объект JSON");
                return false;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    At($"{path}.{property.Name}")(MisErrorCodes.InvalidStructure, $"Неизвестное свойство «{property.Name}»");
                }
            }

            return true;
        }

        private JsonElement? Child(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null)
            {
                At($"{path}.{name}")(MisErrorCodes.MissingValue, $"Не заполнено обязательное свойство «{name}»");
                return null;
            }

            return child;
        }

        private string? String(JsonElement parent, string path, string name, bool required)
        {
            if (!parent.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    At($"{path}.{name}")(MisErrorCodes.MissingValue, $"Не заполнено обязательное свойство «{name}»");
                }

                return null;
            }

            if (child.ValueKind != JsonValueKind.String)
            {
                At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}» должен быть строкой");
                return null;
            }

            var value = child.GetString()!.Trim();
            if (value.Length == 0)
            {
                if (required)
                {
                    At($"{path}.{name}")(MisErrorCodes.MissingValue, $"Не заполнено обязательное свойство «{name}»");
                }

                return null;
            }

            return value;
        }

        private MisFieldParser.Report At(string path) => (code, message) => problems.Add(new MisProblem(code, message, path, number));
    }
}
