namespace EgiszBus.Adapters.Semd;

/// <summary>What the hub knows of each SEMD kind it reads or writes: the template and how the CDA <c>code</c> is formed.</summary>
internal static class SemdKinds
{
    public const string KindSystem = "1.2.643.5.1.13.13.11.1520";
    public const string DocTypeSystem = "1.2.643.5.1.13.13.11.1522";

    /// <param name="Kind">1520 code.</param>
    /// <param name="TemplateId">ClinicalDocument/templateId/@root.</param>
    /// <param name="TypeCode">1522 code when the CDA <c>code</c> is the 1522 type (no translation); null when it is the 1520 kind with translations.</param>
    internal sealed record KindInfo(string Kind, string TemplateId, string? TypeCode);

    public static readonly IReadOnlyList<KindInfo> Known =
    [
        new("186", "1.2.643.5.1.13.13.14.7.9.5", "7"),
        new("119", "1.2.643.5.1.13.2.7.5.1.5.9.4", "5"),
        new("227", "1.2.643.5.1.13.13.15.13.5", null),
        new("122", "1.2.643.5.1.13.13.14.141.9.2", "141"),
        new("83", "1.2.643.5.1.13.13.14.71.9.2", "71"),
        new("147", "1.2.643.5.1.13.13.14.1.9.5", "1"),
        new("80", "1.2.643.5.1.13.13.14.88.9.2", "88"),
        new("174", "1.2.643.5.1.13.13.14.6.9.4", "6"),
        new("121", "1.2.643.5.1.13.13.14.34.9.6", "34"),
        new("148", "1.2.643.5.1.13.13.14.86.9.2", "86"),
        new("141", "1.2.643.5.1.13.13.14.37.9.4", "37"),
        new("43", "1.2.643.5.1.13.13.14.3.9.2", "3"),
    ];

    // Older template generations and sibling templates that share a kind's header.
    private static readonly Dictionary<string, string> OtherTemplates = new(StringComparer.Ordinal)
    {
        ["1.2.643.5.1.13.13.14.85.9.4"] = "119",
    };

    public static KindInfo? ByKind(string? kind) => Known.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The kind of a SEMD whose CDA code is a 1522 type: by template, else by type code.</summary>
    public static string? KindOf(string? templateId, string? typeCode)
    {
        if (templateId is not null)
        {
            if (Known.FirstOrDefault(k => k.TemplateId == templateId) is { } known)
            {
                return known.Kind;
            }

            if (OtherTemplates.TryGetValue(templateId, out var other))
            {
                return other;
            }
        }

        return Known.FirstOrDefault(k => k.TypeCode is not null && k.TypeCode == typeCode)?.Kind;
    }

    // Names of directories the FNSI snapshots do not hold (codeSystemName is not compared, but the schematron wants it non-empty).
    public static readonly IReadOnlyDictionary<string, string> DirectoryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1.2.643.5.1.13.13.11.1471"] = "Федеральный справочник инструментальных диагностических исследований",
        ["1.2.643.5.1.13.13.99.2.1079"] = "Виды структурированных электронных медицинских документов",
        ["1.2.643.5.1.13.13.99.2.723"] = "Типы медицинских карт",
        ["1.2.643.5.1.13.13.11.1551"] = "Формы оказания медицинской помощи",
        ["1.2.643.5.1.13.13.11.1034"] = "Виды медицинской помощи",
        ["1.2.643.5.1.13.13.99.2.322"] = "Условия оказания медицинской помощи",
        ["1.2.643.5.1.13.13.99.2.166"] = "Кодируемые поля CDA документов",
        ["1.2.643.5.1.13.13.11.1007"] = "Вид случая госпитализации или обращения (первичный, повторный)",
        ["1.2.643.5.1.13.13.11.1077"] = "Виды нозологических единиц диагноза",
        ["1.2.643.5.1.13.13.11.1076"] = "Степень обоснованности диагноза",
        ["1.2.643.5.1.13.13.99.2.795"] = "Степень обоснованности диагноза",
        ["1.2.643.5.1.13.13.11.1039"] = "Источники оплаты медицинской помощи",
        ["1.2.643.5.1.13.13.11.1008"] = "Место оказания медицинской помощи",
        ["1.2.643.5.1.13.13.11.1006"] = "Степень тяжести состояния пациента",
        ["1.2.643.5.1.13.13.99.2.724"] = "Типы документов оснований",
    };
}
