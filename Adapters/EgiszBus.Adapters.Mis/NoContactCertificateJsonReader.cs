using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON certificate of no contact with infectious patients (<c>Schemas/mis/nocontactcertificate.schema.json</c>, SEMD 80):
/// one object per document. Problems are located by JSON path (<c>$.noContactPeriods[1].end</c>); malformed JSON by
/// <c>line L, column C</c>. Codes: <see cref="MisErrorCodes"/> and <see cref="NoContactCertificateMisErrorCodes"/>.
/// </summary>
public sealed partial class NoContactCertificateJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 1024 * 1024;

    /// <summary>Longest accepted free text (certificate text, note, contact note, names).</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Most periods without contacts a certificate may carry (the rules of kind 80 allow two).</summary>
    public const int MaxPeriods = 2;

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] DocumentProperties =
        ["$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "careOrder", "contact", "contactNote", "noContactPeriods", "note", "text", "insurance"];
    private static readonly string[] PatientProperties = ["snils", "family", "given", "patronymic", "birthDate", "gender"];
    private static readonly string[] AuthorProperties = ["snils", "family", "given", "patronymic", "positionCode"];
    private static readonly string[] PeriodProperties = ["start", "end"];
    private static readonly string[] InsuranceProperties = ["policyNumber", "policyStart", "policyEnd", "insurer"];
    private static readonly string[] InsurerProperties = ["code", "name", "ogrn", "inn", "phone", "address"];
    private static readonly string[] AddressProperties = ["text", "postalCode", "regionCode", "aoGuid", "houseGuid"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public NoContactCertificateJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<NoContactCertificateMisDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => new Walker(this, problems).Document(root));

    /// <summary>OGRN of a legal entity: 13 digits, the last = (first 12 digits mod 11) mod 10.</summary>
    internal static bool IsValidOgrn(string value) =>
        value.Length == 13 && value.All(char.IsAsciiDigit)
        && long.Parse(value.AsSpan(0, 12), CultureInfo.InvariantCulture) % 11 % 10 == value[12] - '0';

    /// <summary>INN of a legal entity: 10 digits, the last = (Σ weights·digits mod 11) mod 10.</summary>
    internal static bool IsValidInn(string value)
    {
        if (value.Length != 10 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (value[i] - '0') * weights[i];
        }

        return sum % 11 % 10 == value[9] - '0';
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]{10,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneForm();

    [GeneratedRegex(@"^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostalCodeForm();

    [GeneratedRegex(@"^[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionForm();

    private sealed class Walker(NoContactCertificateJsonReader owner, List<MisProblem> problems) : MisJsonWalker(owner.parser, problems)
    {
        private string? Text(JsonElement parent, string path, string name, bool required) =>
            Text(parent, path, name, required, MaxTextLength);

        protected override string UnknownPropertyHint(string name) =>
            name == "omsPolicy" ? " (номер полиса ОМС указывается в insurance.policyNumber)" : string.Empty;

        public NoContactCertificateMisDocument? Document(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("documentNumber", out var n) && n.ValueKind == JsonValueKind.String)
            {
                Number = n.GetString()!.Trim() is { Length: > 0 } trimmed ? trimmed : null;
            }

            if (!Object(root, "$", DocumentProperties))
            {
                return null;
            }

            var p = owner.parser;
            var (date, oid) = Header(root, owner.profile, DateFormats, DateTimeFormats);
            var day = date is null ? (DateOnly?)null : DateOnly.FromDateTime(date.Value.Value);

            var patient = Patient(root, day);
            var author = Author(root);
            var careOrder = String(root, "$", "careOrder", required: true);
            if (careOrder is not null and not ("8" or "26"))
            {
                At("$.careOrder")(MisErrorCodes.InvalidCode,
                    "«careOrder»: заключение, код справочника 1.2.643.5.1.13.13.99.2.725 — 8 или 26");
                careOrder = null;
            }

            bool? contact = null;
            var contactOk = true;
            if (root.TryGetProperty("contact", out var ce) && ce.ValueKind != JsonValueKind.Null)
            {
                if (ce.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    contact = ce.GetBoolean();
                }
                else
                {
                    At("$.contact")(MisErrorCodes.InvalidStructure, "«contact» должен быть true или false");
                    contactOk = false;
                }
            }

            var contactNote = Text(root, "$", "contactNote", required: false);
            if (contactNote is not null && contact is null && contactOk)
            {
                At("$.contactNote")(NoContactCertificateMisErrorCodes.InconsistentValues, "«contactNote» допускается только вместе с «contact»");
            }

            var periods = Periods(root, day);
            var note = Text(root, "$", "note", required: false);
            var text = Text(root, "$", "text", required: false);
            var insurance = Insurance(root, day);
            if (Number is null || date is null || oid is null || patient is null || author is null || careOrder is null || !contactOk
                || periods is null || insurance is null)
            {
                return null;
            }

            return new NoContactCertificateMisDocument(Number, date.Value.Value, oid, patient with { OmsPolicy = insurance.Value.Policy }, author, careOrder,
                contact, contactNote, periods, note, text, insurance.Value.Insurance);
        }

        private MisPatient? Patient(JsonElement root, DateOnly? documentDay)
        {
            if (Child(root, "$", "patient") is not { } pe || !Object(pe, "$.patient", PatientProperties))
            {
                return null;
            }

            var p = owner.parser;
            var snils = Snils(pe, "$.patient");
            var family = Text(pe, "$.patient", "family", required: true);
            var given = Text(pe, "$.patient", "given", required: true);
            var patronymic = Text(pe, "$.patient", "patronymic", required: false);
            var birth = String(pe, "$.patient", "birthDate", required: true) is { } b ? p.Date(b, "birthDate", DateFormats, At("$.patient.birthDate")) : null;
            var gender = String(pe, "$.patient", "gender", required: true) switch
            {
                "male" => "1",
                "female" => "2",
                null => null,
                _ => Report("$.patient.gender", MisErrorCodes.UnknownGender, "gender: ожидается male или female"),
            };
            if (birth is not null && documentDay is not null && birth.Value > documentDay.Value)
            {
                At("$.patient.birthDate")(MisErrorCodes.DateOutOfRange, "Дата рождения позже даты документа");
                birth = null;
            }

            return snils is null || family is null || given is null || birth is null || gender is null
                ? null
                : new MisPatient(snils, family, given, patronymic, birth.Value, gender, null);
        }

        private MisDoctor? Author(JsonElement root)
        {
            if (Child(root, "$", "author") is not { } ae || !Object(ae, "$.author", AuthorProperties))
            {
                return null;
            }

            var snils = Snils(ae, "$.author");
            var family = Text(ae, "$.author", "family", required: true);
            var given = Text(ae, "$.author", "given", required: true);
            var patronymic = Text(ae, "$.author", "patronymic", required: false);
            var position = String(ae, "$.author", "positionCode", required: true) is { } pc
                ? owner.parser.Code(pc, "positionCode", "1.2.643.5.1.13.13.11.1002", At("$.author.positionCode"))
                : null;
            return snils is null || family is null || given is null || position is null ? null : new MisDoctor(snils, family, given, patronymic, position);
        }

        private List<NoContactCertificateMisPeriod>? Periods(JsonElement root, DateOnly? documentDay)
        {
            const string path = "$.noContactPeriods";
            if (Child(root, "$", "noContactPeriods") is not { } list)
            {
                return null;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                At(path)(MisErrorCodes.InvalidStructure, "«noContactPeriods» должен быть массивом");
                return null;
            }

            var count = list.GetArrayLength();
            if (count is 0 or > MaxPeriods)
            {
                At(path)(NoContactCertificateMisErrorCodes.WrongItemCount, $"«noContactPeriods»: нужен один или два периода, указано {count}");
                return null;
            }

            var periods = new List<NoContactCertificateMisPeriod>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"{path}[{i++}]";
                if (!Object(item, at, PeriodProperties))
                {
                    continue;
                }

                var start = String(item, at, "start", required: true) is { } s ? owner.parser.Date(s, "start", DateFormats, At(at + ".start")) : null;
                var end = String(item, at, "end", required: true) is { } e ? owner.parser.Date(e, "end", DateFormats, At(at + ".end")) : null;
                if (start is null || end is null)
                {
                    continue;
                }

                if (start.Value > end.Value)
                {
                    At(at + ".end")(MisErrorCodes.DateOutOfRange, "Конец периода раньше его начала");
                }
                else if (documentDay is not null && end.Value > documentDay.Value)
                {
                    At(at + ".end")(MisErrorCodes.DateOutOfRange, "Конец периода позже даты справки");
                }
                else
                {
                    periods.Add(new NoContactCertificateMisPeriod(start.Value, end.Value));
                }
            }

            return periods.Count == count ? periods : null;
        }

        private (string Policy, NoContactCertificateMisInsurance Insurance)? Insurance(JsonElement root, DateOnly? documentDay)
        {
            const string path = "$.insurance";
            if (Child(root, "$", "insurance") is not { } ie || !Object(ie, path, InsuranceProperties))
            {
                return null;
            }

            var p = owner.parser;
            var policy = String(ie, path, "policyNumber", required: true) is { } pn ? p.OmsPolicy(pn, "policyNumber", At(path + ".policyNumber")) : null;
            var start = String(ie, path, "policyStart", required: true) is { } s ? p.Date(s, "policyStart", DateFormats, At(path + ".policyStart")) : null;
            var endText = String(ie, path, "policyEnd", required: false);
            var end = endText is null ? null : PolicyEnd(endText, path + ".policyEnd");
            var datesOk = endText is null || end is not null;
            if (start is not null && documentDay is not null && start.Value > documentDay.Value)
            {
                At(path + ".policyStart")(MisErrorCodes.DateOutOfRange, "Полис начинает действовать позже даты справки");
                datesOk = false;
            }

            if (end is not null && ((start is not null && end.Value < start.Value) || (documentDay is not null && end.Value < documentDay.Value)))
            {
                At(path + ".policyEnd")(MisErrorCodes.DateOutOfRange, "Срок действия полиса закончился раньше даты справки или его начала");
                datesOk = false;
            }

            // The rules of kind 80: a unified policy (16 digits) is open-ended; any other policy states its end.
            if (policy is { Length: 16 } && endText is not null)
            {
                At(path + ".policyEnd")(NoContactCertificateMisErrorCodes.InconsistentValues, "Полис ОМС единого образца бессрочный: «policyEnd» не указывается");
                datesOk = false;
            }
            else if (policy is { Length: not 16 } && endText is null)
            {
                At(path + ".policyEnd")(MisErrorCodes.MissingValue, "Для полиса старого образца и временного свидетельства «policyEnd» обязателен");
                datesOk = false;
            }

            var insurer = Insurer(ie, path);
            return policy is null || start is null || insurer is null || !datesOk
                ? null
                : (policy, new NoContactCertificateMisInsurance(start.Value, end, insurer));
        }

        private NoContactCertificateMisInsurer? Insurer(JsonElement parent, string parentPath)
        {
            var path = parentPath + ".insurer";
            if (Child(parent, parentPath, "insurer") is not { } ie || !Object(ie, path, InsurerProperties))
            {
                return null;
            }

            var code = String(ie, path, "code", required: true) is { } c ? owner.parser.Code(c, "code", "1.2.643.5.1.13.13.99.2.183", At(path + ".code")) : null;
            var name = Text(ie, path, "name", required: true);
            var ogrn = String(ie, path, "ogrn", required: true);
            if (ogrn is not null && !IsValidOgrn(ogrn))
            {
                At(path + ".ogrn")(NoContactCertificateMisErrorCodes.InvalidRegistryNumber, "«ogrn»: ОГРН должен содержать 13 цифр с верным контрольным числом");
                ogrn = null;
            }

            var inn = String(ie, path, "inn", required: false);
            var innOk = inn is null || IsValidInn(inn);
            if (!innOk)
            {
                At(path + ".inn")(NoContactCertificateMisErrorCodes.InvalidRegistryNumber, "«inn»: ИНН организации должен содержать 10 цифр с верным контрольным числом");
            }

            var phone = String(ie, path, "phone", required: true);
            if (phone is not null)
            {
                var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
                if (!PhoneForm().IsMatch(phone) || digits.Length is < 10 or > 15)
                {
                    At(path + ".phone")(NoContactCertificateMisErrorCodes.InvalidPhone, "«phone»: ожидается номер вида +74950000077 (10–15 цифр)");
                    phone = null;
                }
                else
                {
                    phone = (phone.StartsWith('+') ? "+" : string.Empty) + digits;
                }
            }

            var address = Address(ie, path);
            return code is null || name is null || ogrn is null || !innOk || phone is null || address is null
                ? null
                : new NoContactCertificateMisInsurer(code, name, ogrn, inn, phone, address);
        }

        private NoContactCertificateMisAddress? Address(JsonElement parent, string parentPath)
        {
            var path = parentPath + ".address";
            if (Child(parent, parentPath, "address") is not { } ae || !Object(ae, path, AddressProperties))
            {
                return null;
            }

            var text = Text(ae, path, "text", required: true);
            var postal = Check(String(ae, path, "postalCode", required: true), PostalCodeForm().IsMatch, "postalCode", "почтовый индекс — 6 цифр");
            var region = Check(String(ae, path, "regionCode", required: true), RegionForm().IsMatch, "regionCode",
                "код региона справочника 1.2.643.5.1.13.13.99.2.206 — 2 цифры");
            var aoGuid = Guid(String(ae, path, "aoGuid", required: true), "aoGuid");
            var houseGuid = Guid(String(ae, path, "houseGuid", required: true), "houseGuid");
            return text is null || postal is null || region is null || aoGuid is null || houseGuid is null
                ? null
                : new NoContactCertificateMisAddress(text, postal, region, aoGuid, houseGuid);

            string? Check(string? value, Func<string, bool> valid, string name, string rule)
            {
                if (value is null || valid(value))
                {
                    return value;
                }

                At($"{path}.{name}")(NoContactCertificateMisErrorCodes.InvalidAddress, $"«{name}»: {rule}");
                return null;
            }

            string? Guid(string? value, string name) =>
                value is null ? null
                : System.Guid.TryParseExact(value, "D", out var g) ? g.ToString("D")
                : Check(value, _ => false, name, "ожидается GUID ФИАС вида 0c5b2444-70a0-4932-980c-b4dc0d3f02b5");
        }

        private string? Report(string path, string code, string message)
        {
            At(path)(code, message);
            return null;
        }

        /// <summary>The end of a policy's validity: a date that may lie in the future (up to 2100).</summary>
        private DateOnly? PolicyEnd(string text, string path)
        {
            if (!DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                At(path)(MisErrorCodes.InvalidDate, "«policyEnd»: дата некорректна или не существует (ожидается yyyy-MM-dd)");
                return null;
            }

            if (value < MisFieldParser.MinDate || value.Year > 2100)
            {
                At(path)(MisErrorCodes.DateOutOfRange, "«policyEnd»: дата вне допустимого диапазона (1900–2100)");
                return null;
            }

            return value;
        }
    }
}
