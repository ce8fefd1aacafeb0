using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the MIS JSON preferential prescription (<c>Schemas/mis/preferentialprescription.schema.json</c>, SEMD kind 141): one object per document.
/// The prescription part (number, date, organisation, patient, author, validity, byCommission, items) is the kind-148 format and is read by
/// <see cref="PrescriptionJsonReader"/>; this reader adds series, number, electronic, diagnosisCode, benefit, financing, paymentPercent, caseId, cardId
/// and requires exactly one item. Problems carry <see cref="MisErrorCodes"/> and JSON paths; personal data never enters a message.
/// </summary>
public sealed class PreferentialPrescriptionJsonReader
{
    private readonly PrescriptionJsonReader prescription;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public PreferentialPrescriptionJsonReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        prescription = new PrescriptionJsonReader(profile, time);
    }

    /// <summary>Reads one document. The result holds the document, or none and the problems.</summary>
    public MisReadResult<PreferentialPrescriptionMisDocument> Read(ReadOnlyMemory<byte> json)
    {
        var common = prescription.Read(json);
        if (common.Problems.Any(p => p.Code is MisErrorCodes.InputTooLarge or MisErrorCodes.EmptyInput or MisErrorCodes.MalformedInput))
        {
            return new([], common.Problems);
        }

        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var problems = common.Problems.ToList();
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new([], problems);
        }

        var number = common.Documents.FirstOrDefault()?.DocumentNumber;
        void Problem(string code, string message, string path) => problems.Add(new MisProblem(code, message, path, number));

        string? Text(string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Problem(MisErrorCodes.MissingValue, $"«{name}» обязательно", "$." + name);
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(MisErrorCodes.InvalidStructure, $"«{name}» должен быть непустой строкой", "$." + name);
                return null;
            }

            return value.GetString()!.Trim();
        }

        PrescriptionMisCoding? Coding(string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
            {
                Problem(value.ValueKind == JsonValueKind.Undefined ? MisErrorCodes.MissingValue : MisErrorCodes.InvalidStructure, $"«{name}» должен быть объектом {{code, display, version}}", "$." + name);
                return null;
            }

            string? Part(string part) =>
                value.TryGetProperty(part, out var p) && p.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.GetString()) ? p.GetString()!.Trim() : null;
            var (code, display, version) = (Part("code"), Part("display"), Part("version"));
            foreach (var (part, v) in new[] { ("code", code), ("display", display), ("version", version) })
            {
                if (v is null)
                {
                    Problem(MisErrorCodes.MissingValue, $"«{name}.{part}» обязательно", $"$.{name}.{part}");
                }
            }

            return code is null || display is null || version is null ? null : new PrescriptionMisCoding(code, display, version);
        }

        var series = Text("series");
        var formNumber = Text("number");
        bool? electronic = null;
        if (!root.TryGetProperty("electronic", out var e) || e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(e.ValueKind == JsonValueKind.Undefined ? MisErrorCodes.MissingValue : MisErrorCodes.InvalidStructure, "«electronic» должен быть true или false", "$.electronic");
        }
        else
        {
            electronic = e.GetBoolean();
        }

        var diagnosis = Text("diagnosisCode");
        var benefit = Coding("benefit");
        var financing = Coding("financing");
        decimal? percent = null;
        if (!root.TryGetProperty("paymentPercent", out var pe) || pe.ValueKind != JsonValueKind.Number || !pe.TryGetDecimal(out var pv) || pv <= 0 || pv > 100)
        {
            Problem(pe.ValueKind == JsonValueKind.Undefined ? MisErrorCodes.MissingValue : MisErrorCodes.InvalidNumber, "«paymentPercent» должно быть числом от 1 до 100", "$.paymentPercent");
        }
        else
        {
            percent = pv;
        }

        var caseId = Text("caseId");
        var cardId = Text("cardId");
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 1)
        {
            Problem(PreferentialPrescriptionMisErrorCodes.OneItemOnly, "Льготный рецепт содержит ровно один препарат (items)", "$.items");
        }

        if (problems.Count > 0 || common.Documents.Count == 0 || series is null || formNumber is null || electronic is null || diagnosis is null
            || benefit is null || financing is null || percent is null || caseId is null || cardId is null)
        {
            return new([], problems);
        }

        return new([new PreferentialPrescriptionMisDocument(common.Documents[0], series, formNumber, electronic.Value, diagnosis, benefit, financing, percent.Value, caseId, cardId)], []);
    }
}
