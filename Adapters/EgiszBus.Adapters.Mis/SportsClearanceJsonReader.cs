using System.Globalization;
using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON medical clearance for sports (<c>Schemas/mis/sportsclearance.schema.json</c>, SEMD 83): one object per document.
/// Problems are located by JSON path (<c>$.insurance.insurerAddress.postalCode</c>); malformed JSON by <c>line L, column C</c>.
/// </summary>
public sealed class SportsClearanceJsonReader
{
    /// <summary>Longest accepted validity of a clearance, in years after the document date.</summary>
    public const int MaxValidityYears = 5;

    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = DispanserizationJsonWalker.MaxInputBytes;

    private static readonly string[] DocumentProperties =
    [
        "$schema", "documentNumber", "documentDate", "organizationOid", "patient", "author", "caseNumber", "medicalCardNumber",
        "examinationStart", "examinationEnd", "conclusion", "validUntil", "sports", "summary", "insurance",
    ];

    private static readonly string[] InsuranceProperties = ["insurerCode", "insurerName", "insurerPhone", "insurerAddress", "policyStart"];
    private static readonly string[] AddressProperties = ["text", "postalCode", "regionCode", "aoGuid", "houseGuid"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public SportsClearanceJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<MisSportsClearanceDocument> Read(ReadOnlyMemory<byte> json)
    {
        using var document = MisJsonWalker.Parse(json, MaxInputBytes, out var failure);
        if (document is null)
        {
            return new MisReadResult<MisSportsClearanceDocument>([], [failure!]);
        }

        var problems = new List<MisProblem>();
        var result = Document(new DispanserizationJsonWalker(profile, parser, problems), document.RootElement);
        return new MisReadResult<MisSportsClearanceDocument>(result is null || problems.Count > 0 ? [] : [result], problems);
    }

    private static MisSportsClearanceDocument? Document(DispanserizationJsonWalker w, JsonElement root)
    {
        if (!w.Object(root, "$", DocumentProperties))
        {
            return null;
        }

        var (number, date, oid) = w.Document(root);
        var patient = w.Patient(root, date, policyRequired: true);
        var author = w.Author(root);
        var (caseNumber, card, start, end) = w.Visit(root, date);
        var conclusion = w.Coding(root, "$", "conclusion", "1.2.643.5.1.13.13.99.2.725");
        var validUntil = ValidUntil(w, root, date);
        var sports = w.String(root, "$", "sports", required: true);
        var summary = w.String(root, "$", "summary", required: false);
        var insurer = Insurer(w, root, date);
        if (number is null || date is null || oid is null || patient is null || author is null || caseNumber is null || card is null || start is null
            || end is null || conclusion is null || validUntil is null || sports is null || insurer is null)
        {
            return null;
        }

        return new MisSportsClearanceDocument(number, date.Value, oid, patient, author, caseNumber, card, start.Value, end.Value, conclusion,
            validUntil.Value, sports, summary, insurer);
    }

    /// <summary>validUntil: a date after the document date and at most <see cref="MaxValidityYears"/> years later (it lies in the future).</summary>
    private static DateOnly? ValidUntil(DispanserizationJsonWalker w, JsonElement root, DateTime? documentDate)
    {
        if (w.String(root, "$", "validUntil", required: true) is not { } text)
        {
            return null;
        }

        var at = w.At("$.validUntil");
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            at(MisErrorCodes.InvalidDate, "«validUntil»: дата некорректна или не существует (ожидается yyyy-MM-dd)");
            return null;
        }

        if (documentDate is { } d && (value <= DateOnly.FromDateTime(d) || value > DateOnly.FromDateTime(d).AddYears(MaxValidityYears)))
        {
            at(MisErrorCodes.DateOutOfRange, $"«validUntil»: срок действия должен быть позже даты документа и не дальше {MaxValidityYears} лет от неё");
            return null;
        }

        return value;
    }

    private static MisSportsClearanceInsurer? Insurer(DispanserizationJsonWalker w, JsonElement root, DateTime? documentDate)
    {
        const string path = "$.insurance";
        if (w.Child(root, "$", "insurance") is not { } ie || !w.Object(ie, path, InsuranceProperties))
        {
            return null;
        }

        var code = w.String(ie, path, "insurerCode", required: true) is { } c ? w.Parser.Code(c, "insurerCode", "1.2.643.5.1.13.13.99.2.183", w.At(path + ".insurerCode")) : null;
        var name = w.String(ie, path, "insurerName", required: true);
        var phone = w.String(ie, path, "insurerPhone", required: true);
        var policyText = w.String(ie, path, "policyStart", required: false);
        DateOnly? policyStart = null;
        if (policyText is not null)
        {
            policyStart = w.Parser.Date(policyText, "policyStart", DispanserizationJsonWalker.DateFormats, w.At(path + ".policyStart"));
            if (policyStart is not null && documentDate is not null && policyStart.Value > DateOnly.FromDateTime(documentDate.Value))
            {
                w.At(path + ".policyStart")(MisErrorCodes.DateOutOfRange, "Начало действия полиса позже даты документа");
                policyStart = null;
            }
        }

        const string ap = path + ".insurerAddress";
        string? text = null, postal = null, region = null, aoGuid = null, houseGuid = null;
        if (w.Child(ie, path, "insurerAddress") is { } ae && w.Object(ae, ap, AddressProperties))
        {
            text = w.String(ae, ap, "text", required: true);
            postal = w.String(ae, ap, "postalCode", required: true);
            if (postal is not null && (postal.Length != 6 || !postal.All(char.IsAsciiDigit)))
            {
                w.At(ap + ".postalCode")(MisErrorCodes.InvalidCode, "«postalCode»: почтовый индекс из 6 цифр");
                postal = null;
            }

            region = w.String(ae, ap, "regionCode", required: true) is { } r ? w.Parser.Code(r, "regionCode", "1.2.643.5.1.13.13.99.2.206", w.At(ap + ".regionCode")) : null;
            aoGuid = Guid(w, ae, ap, "aoGuid");
            houseGuid = Guid(w, ae, ap, "houseGuid");
        }

        return code is null || name is null || phone is null || (policyText is not null && policyStart is null) || text is null || postal is null
            || region is null || aoGuid is null || houseGuid is null
            ? null
            : new MisSportsClearanceInsurer(code, name, phone, text, postal, region, aoGuid, houseGuid, policyStart);
    }

    private static string? Guid(DispanserizationJsonWalker w, JsonElement parent, string path, string name)
    {
        if (w.String(parent, path, name, required: true) is not { } text)
        {
            return null;
        }

        if (!System.Guid.TryParseExact(text, "D", out var value))
        {
            w.At($"{path}.{name}")(MisErrorCodes.InvalidCode, $"«{name}»: идентификатор ФИАС вида xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
            return null;
        }

        return value.ToString("D");
    }
}
