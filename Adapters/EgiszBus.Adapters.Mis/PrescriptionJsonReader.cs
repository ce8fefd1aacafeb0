using System.Globalization;
using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON prescription (<c>Schemas/mis/prescription.schema.json</c>, SEMD kind 148): one object per document.
/// Problems carry <see cref="MisErrorCodes"/> and JSON paths (<c>$.items[1].quantity</c>); personal data never enters a message.
/// </summary>
public sealed class PrescriptionJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] PeriodUnits = ["min", "h", "d", "wk"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public PrescriptionJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<PrescriptionMisDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => Document(root, problems));

    private PrescriptionMisDocument? Document(JsonElement root, List<MisProblem> problems)
    {
        string? number = null;
        MisFieldParser.Report At(string path) => (code, message) => problems.Add(new MisProblem(code, message, path, number));
        if (root.ValueKind != JsonValueKind.Object)
        {
            At("$")(MisErrorCodes.InvalidStructure, "Документ должен быть объектом JSON");
            return null;
        }

        string? Text(JsonElement parent, string path, string name, bool required = true)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? parser.Required(null, name, At($"{path}.{name}")) : null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}» должен быть строкой");
                return null;
            }

            return required ? parser.Required(value.GetString(), name, At($"{path}.{name}")) : MisFieldParser.Optional(value.GetString());
        }

        decimal? Number(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                At($"{path}.{name}")(MisErrorCodes.MissingValue, $"«{name}» обязательно");
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var d) || d <= 0)
            {
                At($"{path}.{name}")(MisErrorCodes.InvalidNumber, $"«{name}» должно быть положительным числом");
                return null;
            }

            return d;
        }

        JsonElement? Child(JsonElement parent, string path, string name)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
            {
                return value;
            }

            At($"{path}.{name}")(value.ValueKind == JsonValueKind.Undefined ? MisErrorCodes.MissingValue : MisErrorCodes.InvalidStructure, $"«{name}» должен быть объектом");
            return null;
        }

        PrescriptionMisCoding? Coding(JsonElement parent, string path, string name)
        {
            if (Child(parent, path, name) is not { } c)
            {
                return null;
            }

            var p = $"{path}.{name}";
            var code = Text(c, p, "code");
            var display = Text(c, p, "display");
            var version = Text(c, p, "version");
            return code is null || display is null || version is null ? null : new PrescriptionMisCoding(code, display, version);
        }

        number = Text(root, "$", "documentNumber");
        var date = Text(root, "$", "documentDate") is { } d ? parser.DateTime(d, "documentDate", DateFormats, DateTimeFormats, At("$.documentDate")) : null;
        var oid = Text(root, "$", "organizationOid");
        if (oid is not null && profile is not null && profile.Find(oid) is null)
        {
            At("$.organizationOid")(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
        }

        MisPatient? patient = null;
        if (Child(root, "$", "patient") is { } pe)
        {
            const string pp = "$.patient";
            var snils = Text(pe, pp, "snils") is { } s ? parser.Snils(s, "snils", At(pp + ".snils")) : null;
            var family = Text(pe, pp, "family");
            var given = Text(pe, pp, "given");
            var patronymic = Text(pe, pp, "patronymic", required: false);
            var birth = Text(pe, pp, "birthDate") is { } b ? parser.Date(b, "birthDate", DateFormats, At(pp + ".birthDate")) : null;
            var gender = Text(pe, pp, "gender") switch
            {
                "male" => "1",
                "female" => "2",
                null => null,
                _ => Unknown(At(pp + ".gender")),
            };
            var policy = Text(pe, pp, "omsPolicy", required: false) is { } o ? parser.OmsPolicy(o, "omsPolicy", At(pp + ".omsPolicy")) : null;
            if (snils is not null && family is not null && given is not null && birth is not null && gender is not null)
            {
                patient = new MisPatient(snils, family, given, patronymic, birth.Value, gender, policy);
            }
        }

        MisDoctor? author = null;
        if (Child(root, "$", "author") is { } ae)
        {
            const string ap = "$.author";
            var snils = Text(ae, ap, "snils") is { } s ? parser.Snils(s, "snils", At(ap + ".snils")) : null;
            var family = Text(ae, ap, "family");
            var given = Text(ae, ap, "given");
            var patronymic = Text(ae, ap, "patronymic", required: false);
            var position = Text(ae, ap, "positionCode") is { } pc ? parser.Code(pc, "positionCode", "1.2.643.5.1.13.13.11.1002", At(ap + ".positionCode")) : null;
            if (snils is not null && family is not null && given is not null && position is not null)
            {
                author = new MisDoctor(snils, family, given, patronymic, position);
            }
        }

        var validity = Coding(root, "$", "validity");
        var until = Text(root, "$", "validUntil") is { } u ? parser.FutureDate(u, "validUntil", DateFormats, At("$.validUntil")) : null;
        var byCommission = false;
        if (root.TryGetProperty("byCommission", out var bc) && bc.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            At("$.byCommission")(MisErrorCodes.InvalidStructure, "«byCommission» должен быть true или false");
        }
        else if (bc.ValueKind == JsonValueKind.True)
        {
            byCommission = true;
        }

        var items = new List<PrescriptionMisItem>();
        if (!root.TryGetProperty("items", out var ie) || ie.ValueKind != JsonValueKind.Array)
        {
            At("$.items")(MisErrorCodes.InvalidStructure, "items должен быть массивом");
        }
        else if (ie.GetArrayLength() is 0 or > 3)
        {
            At("$.items")(MisErrorCodes.NoResults, "Рецепт должен содержать от 1 до 3 препаратов (items)");
        }
        else
        {
            var i = 0;
            foreach (var item in ie.EnumerateArray())
            {
                var ip = $"$.items[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    At(ip)(MisErrorCodes.InvalidStructure, "Элемент items должен быть объектом");
                    continue;
                }

                var medication = Coding(item, ip, "medication");
                var name = Text(item, ip, "name");
                var route = Coding(item, ip, "route");
                var start = Text(item, ip, "start") is { } st ? parser.FutureDate(st, "start", DateFormats, At(ip + ".start")) : null;
                var end = Text(item, ip, "end") is { } en ? parser.FutureDate(en, "end", DateFormats, At(ip + ".end")) : null;
                if (start is not null && end is not null && end < start)
                {
                    At(ip + ".end")(MisErrorCodes.DateOutOfRange, "Дата окончания приёма раньше даты начала");
                    end = null;
                }

                var dose = Number(item, ip, "dose");
                var doseUnit = Text(item, ip, "doseUnit") is { } du ? parser.Code(du, "doseUnit", "1.2.643.5.1.13.13.11.1358", At(ip + ".doseUnit")) : null;
                var period = Number(item, ip, "period");
                var periodUnit = Text(item, ip, "periodUnit");
                if (periodUnit is not null && !PeriodUnits.Contains(periodUnit, StringComparer.Ordinal))
                {
                    At(ip + ".periodUnit")(MisErrorCodes.InvalidCode, "«periodUnit»: допустимы min, h, d, wk");
                    periodUnit = null;
                }

                var quantity = Number(item, ip, "quantity");
                var quantityUnit = Text(item, ip, "quantityUnit") is { } qu ? parser.Code(qu, "quantityUnit", "1.2.643.5.1.13.13.11.1358", At(ip + ".quantityUnit")) : null;
                var instruction = Text(item, ip, "instruction", required: false);
                if (medication is not null && name is not null && route is not null && start is not null && end is not null && dose is not null
                    && doseUnit is not null && period is not null && periodUnit is not null && quantity is not null && quantityUnit is not null)
                {
                    items.Add(new PrescriptionMisItem(medication, name, route, start.Value, end.Value, dose.Value, doseUnit, period.Value, periodUnit,
                        quantity.Value, quantityUnit, instruction));
                }
            }
        }

        if (number is null || date is null || oid is null || patient is null || author is null || validity is null || until is null || items.Count == 0)
        {
            return null;
        }

        return new PrescriptionMisDocument(number, date.Value.Value, oid, patient, author, validity, until.Value, byCommission, items);
    }

    private static string? Unknown(MisFieldParser.Report report)
    {
        report(MisErrorCodes.UnknownGender, "«gender»: допустимы male и female");
        return null;
    }

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
