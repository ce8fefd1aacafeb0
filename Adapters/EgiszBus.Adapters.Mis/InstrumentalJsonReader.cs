using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON instrumental study protocol (<c>Schemas/mis/instrumental.schema.json</c>): one object per document.
/// Problems are located by JSON path (<c>$.study.code</c>); malformed JSON by <c>line L, column C</c>. Codes: <see cref="MisErrorCodes"/>.
/// </summary>
public sealed partial class InstrumentalJsonReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    /// <summary>Longest accepted free text (protocol, conclusion, recommendations).</summary>
    public const int MaxTextLength = 20_000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] DocumentProperties =
        ["$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "visitKind", "referralDiagnosis", "study", "protocol", "conclusion", "recommendations"];
    private static readonly string[] PatientProperties = ["snils", "family", "given", "patronymic", "birthDate", "gender", "omsPolicy"];
    private static readonly string[] AuthorProperties = ["snils", "family", "given", "patronymic", "positionCode"];
    private static readonly string[] StudyProperties = ["code", "name", "start", "end"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public InstrumentalJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    [GeneratedRegex(@"^[A-Z]\d{2}(\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10();

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<InstrumentalMisDocument> Read(ReadOnlyMemory<byte> json) =>
        MisJsonWalker.Read(json, MaxInputBytes, (root, problems) => new Walker(this, problems).Document(root));

    private sealed class Walker(InstrumentalJsonReader owner, List<MisProblem> problems) : MisJsonWalker(owner.parser, problems)
    {
        private string? Text(JsonElement parent, string path, string name, bool required) =>
            Text(parent, path, name, required, MaxTextLength);

        public InstrumentalMisDocument? Document(JsonElement root)
        {
            if (!Object(root, "$", DocumentProperties))
            {
                return null;
            }

            var p = owner.parser;
            var (date, oid) = Header(root, owner.profile, DateFormats, DateTimeFormats);

            var patient = Patient(root, date?.Value, PatientProperties, DateFormats);
            var author = Author(root, AuthorProperties);
            var visit = String(root, "$", "visitKind", required: true);
            if (visit is not null && visit is not ("1" or "2"))
            {
                At("$.visitKind")(MisErrorCodes.InvalidCode, "«visitKind»: код справочника 1.2.643.5.1.13.13.11.1007 — 1 (первичное) или 2 (повторное)");
                visit = null;
            }

            var diagnosis = String(root, "$", "referralDiagnosis", required: false);
            if (diagnosis is not null && !Icd10().IsMatch(diagnosis))
            {
                At("$.referralDiagnosis")(MisErrorCodes.InvalidCode, "«referralDiagnosis»: ожидается код МКБ-10 (например I10 или J06.9)");
                diagnosis = null;
            }

            string? studyCode = null, studyName = null;
            (DateTime Value, bool HasTime)? start = null, end = null;
            if (Child(root, "$", "study") is { } se && Object(se, "$.study", StudyProperties))
            {
                studyCode = String(se, "$.study", "code", required: true) is { } sc ? p.Code(sc, "code", "1.2.643.5.1.13.13.11.1471", At("$.study.code")) : null;
                studyName = Text(se, "$.study", "name", required: true);
                start = String(se, "$.study", "start", required: true) is { } s ? p.DateTime(s, "start", [], DateTimeFormats, At("$.study.start")) : null;
                end = String(se, "$.study", "end", required: false) is { } e ? p.DateTime(e, "end", [], DateTimeFormats, At("$.study.end")) : null;
                if (start is not null && end is not null && end.Value.Value < start.Value.Value)
                {
                    At("$.study.end")(MisErrorCodes.DateOutOfRange, "Окончание исследования раньше его начала");
                }

                if (start is not null && date is not null && start.Value.Value > date.Value.Value)
                {
                    At("$.study.start")(MisErrorCodes.DateOutOfRange, "Начало исследования позже даты документа");
                }
            }

            var protocol = Text(root, "$", "protocol", required: true);
            var conclusion = Text(root, "$", "conclusion", required: true);
            var recommendations = Text(root, "$", "recommendations", required: false);
            if (Number is null || date is null || oid is null || patient is null || author is null || visit is null || studyCode is null
                || studyName is null || start is null || protocol is null || conclusion is null)
            {
                return null;
            }

            return new InstrumentalMisDocument(Number, date.Value.Value, oid, patient, author, visit, diagnosis, studyCode, studyName,
                start.Value.Value, end?.Value, protocol, conclusion, recommendations);
        }
    }
}
