using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The JSON reading primitives shared by the MIS JSON readers: input checks (size, BOM, emptiness, malformed JSON located by
/// <c>line L, column C</c>), strict objects (unknown properties are problems), required children and trimmed strings. Every
/// problem carries a JSON path such as <c>$.patient.snils</c> and the document number once read.
/// </summary>
internal abstract class MisJsonWalker(MisFieldParser parser, List<MisProblem> problems)
{
    /// <summary>The document number once read (problems carry it).</summary>
    public string? Number { get; set; }

    /// <summary>The field parser of the owning reader.</summary>
    public MisFieldParser Parser => parser;

    /// <summary>
    /// Checks the raw input (at most <paramref name="maxBytes"/>, BOM skipped, not blank) and parses it. Returns the document,
    /// or null and a single problem in <paramref name="problem"/>.
    /// </summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> json, int maxBytes, out MisProblem? problem)
    {
        problem = CheckSize(json, maxBytes);
        return problem is null ? Parse(json, out problem) : null;
    }

    /// <summary>
    /// Reads one JSON document: checks and parses the input, then reads its root with <paramref name="document"/>, which reports
    /// into the list it is given. The result holds the document when there was no problem, or none and the problems.
    /// </summary>
    public static MisReadResult<T> Read<T>(ReadOnlyMemory<byte> json, int maxBytes, Func<JsonElement, List<MisProblem>, T?> document)
        where T : class
    {
        using var parsed = Parse(json, maxBytes, out var failure);
        if (parsed is null)
        {
            return new([], [failure!]);
        }

        var problems = new List<MisProblem>();
        var result = document(parsed.RootElement, problems);
        return new MisReadResult<T>(result is null || problems.Count > 0 ? [] : [result], problems);
    }

    /// <summary>An <see cref="MisErrorCodes.InputTooLarge"/> problem when the input is longer than <paramref name="maxBytes"/>.</summary>
    public static MisProblem? CheckSize(ReadOnlyMemory<byte> json, int maxBytes) =>
        json.Length > maxBytes ? new MisProblem(MisErrorCodes.InputTooLarge, $"Документ больше {maxBytes} байт", null) : null;

    /// <summary>Skips a BOM, rejects blank input and parses. Returns the document, or null and a single problem.</summary>
    private static JsonDocument? Parse(ReadOnlyMemory<byte> json, out MisProblem? problem)
    {
        problem = null;
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (json.Span.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty)
        {
            problem = new MisProblem(MisErrorCodes.EmptyInput, "Документ пуст", "$");
            return null;
        }

        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : null;
            problem = new MisProblem(MisErrorCodes.MalformedInput, "Некорректный JSON: " + ex.Message.Split('\n')[0].Trim(), at);
            return null;
        }
    }

    /// <summary>
    /// The common header: <c>documentNumber</c> (kept in <see cref="Number"/>), <c>documentDate</c> and <c>organizationOid</c>,
    /// which, with a <paramref name="profile"/>, must be described in it.
    /// </summary>
    public ((DateTime Value, bool HasTime)? Date, string? Oid) Header(JsonElement root, MisProfile? profile, string[] dateFormats, string[] dateTimeFormats)
    {
        Number = String(root, "$", "documentNumber", required: true);
        var date = String(root, "$", "documentDate", required: true) is { } d
            ? parser.DateTime(d, "documentDate", dateFormats, dateTimeFormats, At("$.documentDate"))
            : null;
        var oid = String(root, "$", "organizationOid", required: true);
        if (oid is not null && profile is not null && profile.Find(oid) is null)
        {
            At("$.organizationOid")(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
        }

        return (date, oid);
    }

    /// <summary>The <c>patient</c> object: SNILS, name, birth date (not after <paramref name="date"/>), gender and OMS policy.</summary>
    public MisPatient? Patient(JsonElement root, DateTime? date, string[] properties, string[] dateFormats)
    {
        if (Child(root, "$", "patient") is not { } pe || !Object(pe, "$.patient", properties))
        {
            return null;
        }

        var p = Parser;
        var snils = Snils(pe, "$.patient");
        var family = String(pe, "$.patient", "family", required: true);
        var given = String(pe, "$.patient", "given", required: true);
        var patronymic = String(pe, "$.patient", "patronymic", required: false);
        var birth = String(pe, "$.patient", "birthDate", required: true) is { } b ? p.Date(b, "birthDate", dateFormats, At("$.patient.birthDate")) : null;
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

    /// <summary>The <c>author</c> object: SNILS, name and position (FNSI 1.2.643.5.1.13.13.11.1002).</summary>
    public MisDoctor? Author(JsonElement root, string[] properties)
    {
        if (Child(root, "$", "author") is not { } ae || !Object(ae, "$.author", properties))
        {
            return null;
        }

        var snils = Snils(ae, "$.author");
        var family = String(ae, "$.author", "family", required: true);
        var given = String(ae, "$.author", "given", required: true);
        var patronymic = String(ae, "$.author", "patronymic", required: false);
        var position = String(ae, "$.author", "positionCode", required: true) is { } pc
            ? Parser.Code(pc, "positionCode", "1.2.643.5.1.13.13.11.1002", At("$.author.positionCode"))
            : null;
        return snils is null || family is null || given is null || position is null ? null : new MisDoctor(snils, family, given, patronymic, position);
    }

    /// <summary>A reporter that adds a problem located at <paramref name="path"/>.</summary>
    public MisFieldParser.Report At(string path) => (code, message) => problems.Add(new MisProblem(code, message, path, Number));

    /// <summary>Checks that <paramref name="element"/> is an object; unknown properties are reported but do not fail.</summary>
    public bool Object(JsonElement element, string path, string[] known)
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
                At($"{path}.{property.Name}")(MisErrorCodes.InvalidStructure, $"Неизвестное свойство «{property.Name}»{UnknownPropertyHint(property.Name)}");
            }
        }

        return true;
    }

    /// <summary>A required child that is present and not null.</summary>
    public JsonElement? Child(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var child) || child.ValueKind == JsonValueKind.Null)
        {
            At($"{path}.{name}")(MisErrorCodes.MissingValue, $"Не заполнено обязательное свойство «{name}»");
            return null;
        }

        return child;
    }

    /// <summary>A required non-empty array; an empty one is reported with <paramref name="emptyCode"/> and <paramref name="emptyMessage"/>.</summary>
    public JsonElement? NonEmptyArray(JsonElement parent, string path, string name, string emptyCode, string emptyMessage)
    {
        if (Child(parent, path, name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}» должен быть массивом");
            return null;
        }

        if (element.GetArrayLength() == 0)
        {
            At($"{path}.{name}")(emptyCode, emptyMessage);
            return null;
        }

        return element;
    }

    /// <summary>A trimmed non-empty string; a missing or blank required one is reported.</summary>
    public string? String(JsonElement parent, string path, string name, bool required)
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

        return Accept(path, name, value);
    }

    /// <summary>A string no longer than <paramref name="maxLength"/> (a longer one is <see cref="MisErrorCodes.InvalidStructure"/>).</summary>
    public string? Text(JsonElement parent, string path, string name, bool required, int maxLength)
    {
        var value = String(parent, path, name, required);
        if (value is { Length: var length } && length > maxLength)
        {
            At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}» длиннее {maxLength} символов");
            return null;
        }

        return value;
    }

    /// <summary>The required <c>snils</c> of <paramref name="path"/>, checked and normalised.</summary>
    public string? Snils(JsonElement parent, string path) =>
        String(parent, path, "snils", required: true) is { } s ? parser.Snils(s, "snils", At(path + ".snils")) : null;

    /// <summary>Reports through <paramref name="at"/> and returns null.</summary>
    protected static string? Report(MisFieldParser.Report at, string code, string message)
    {
        at(code, message);
        return null;
    }

    /// <summary>Text appended to the «unknown property» message for <paramref name="name"/>; none by default.</summary>
    protected virtual string UnknownPropertyHint(string name) => string.Empty;

    /// <summary>A last check of a trimmed non-empty string value; returns it, or null after reporting.</summary>
    protected virtual string? Accept(string path, string name, string value) => value;
}
