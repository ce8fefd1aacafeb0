using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON laboratory document (<c>Schemas/mis/laboratory.schema.json</c>): one object per document. Problems are
/// located by JSON path (<c>$.results[2].value</c>); malformed JSON by <c>line L, column C</c>.
/// </summary>
public sealed class LaboratoryJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 16 * 1024 * 1024;

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] DocumentProperties = ["$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "results"];
    private static readonly string[] PatientProperties = ["snils", "family", "given", "patronymic", "birthDate", "gender", "omsPolicy"];
    private static readonly string[] AuthorProperties = ["snils", "family", "given", "patronymic", "positionCode"];
    private static readonly string[] ResultProperties = ["testCode", "testName", "value", "unit", "referenceRange", "specimenDate"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public LaboratoryJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<MisLaboratoryDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => new Walker(this, problems).Document(root));

    private sealed class Walker(LaboratoryJsonReader owner, List<MisProblem> problems) : MisJsonWalker(owner.parser, problems)
    {
        public MisLaboratoryDocument? Document(JsonElement root)
        {
            if (!Object(root, "$", DocumentProperties))
            {
                return null;
            }

            var p = owner.parser;
            var (date, oid) = Header(root, owner.profile, DateFormats, DateTimeFormats);

            MisPatient? patient = null;
            if (Child(root, "$", "patient") is { } pe && Object(pe, "$.patient", PatientProperties))
            {
                var snils = Snils(pe, "$.patient");
                var family = String(pe, "$.patient", "family", required: true);
                var given = String(pe, "$.patient", "given", required: true);
                var patronymic = String(pe, "$.patient", "patronymic", required: false);
                var birth = String(pe, "$.patient", "birthDate", required: true) is { } b ? p.Date(b, "birthDate", DateFormats, At("$.patient.birthDate")) : null;
                var genderText = String(pe, "$.patient", "gender", required: true);
                var gender = genderText switch { "male" => "1", "female" => "2", null => null, _ => Unknown() };
                var policy = String(pe, "$.patient", "omsPolicy", required: false) is { } o ? p.OmsPolicy(o, "omsPolicy", At("$.patient.omsPolicy")) : null;
                if (birth is not null && date is not null && birth.Value > DateOnly.FromDateTime(date.Value.Value))
                {
                    At("$.patient.birthDate")(MisErrorCodes.DateOutOfRange, "Дата рождения позже даты документа");
                }

                if (snils is not null && family is not null && given is not null && birth is not null && gender is not null)
                {
                    patient = new MisPatient(snils, family, given, patronymic, birth.Value, gender, policy);
                }
            }

            MisDoctor? author = null;
            if (Child(root, "$", "author") is { } ae && Object(ae, "$.author", AuthorProperties))
            {
                var snils = Snils(ae, "$.author");
                var family = String(ae, "$.author", "family", required: true);
                var given = String(ae, "$.author", "given", required: true);
                var patronymic = String(ae, "$.author", "patronymic", required: false);
                var position = String(ae, "$.author", "positionCode", required: true) is { } pc
                    ? p.Code(pc, "positionCode", "1.2.643.5.1.13.13.11.1002", At("$.author.positionCode"))
                    : null;
                if (snils is not null && family is not null && given is not null && position is not null)
                {
                    author = new MisDoctor(snils, family, given, patronymic, position);
                }
            }

            var results = new List<MisLabResult>();
            if (Child(root, "$", "results") is { } re)
            {
                if (re.ValueKind != JsonValueKind.Array)
                {
                    At("$.results")(MisErrorCodes.InvalidStructure, "results должен быть массивом");
                }
                else if (re.GetArrayLength() == 0)
                {
                    At("$.results")(MisErrorCodes.NoResults, "Документ без результатов: results пуст");
                }
                else
                {
                    var i = 0;
                    foreach (var item in re.EnumerateArray())
                    {
                        if (Result(item, $"$.results[{i}]", date?.Value) is { } r)
                        {
                            results.Add(r);
                        }

                        i++;
                    }
                }
            }

            if (Number is null || date is null || oid is null || patient is null || author is null || results.Count == 0)
            {
                return null;
            }

            return new MisLaboratoryDocument(Number, date.Value.Value, oid, patient, author, results);

            string? Unknown()
            {
                At("$.patient.gender")(MisErrorCodes.UnknownGender, "gender: ожидается male или female");
                return null;
            }
        }

        private MisLabResult? Result(JsonElement item, string path, DateTime? documentDate)
        {
            if (!Object(item, path, ResultProperties))
            {
                return null;
            }

            var p = owner.parser;
            var test = String(item, path, "testCode", required: true) is { } tc ? p.Code(tc, "testCode", "1.2.643.5.1.13.13.11.1080", At(path + ".testCode")) : null;
            var name = String(item, path, "testName", required: true);
            decimal? value = null;
            if (Child(item, path, "value") is { } ve)
            {
                if (ve.ValueKind != JsonValueKind.Number || !ve.TryGetDecimal(out var v))
                {
                    At(path + ".value")(MisErrorCodes.InvalidNumber, "value должен быть числом JSON (например 4.85)");
                }
                else
                {
                    value = v;
                }
            }

            var unit = String(item, path, "unit", required: true) is { } u ? p.Code(u, "unit", "1.2.643.5.1.13.13.11.1358", At(path + ".unit")) : null;
            var range = String(item, path, "referenceRange", required: true) is { } rr ? p.Range(rr, "referenceRange", At(path + ".referenceRange")) : null;
            var specimen = String(item, path, "specimenDate", required: true) is { } sd
                ? p.DateTime(sd, "specimenDate", DateFormats, DateTimeFormats, At(path + ".specimenDate"))
                : null;
            if (specimen is not null && documentDate is not null && specimen.Value.Value.Date > documentDate.Value.Date)
            {
                At(path + ".specimenDate")(MisErrorCodes.DateOutOfRange, "Дата взятия биоматериала позже даты документа");
            }

            return test is null || name is null || value is null || unit is null || range is null || specimen is null
                ? null
                : new MisLabResult(test, name, value.Value, unit, range, specimen.Value.Value, specimen.Value.HasTime);
        }
    }
}
