using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// The coded values of the kind-147 body and where they come from. Directories among the FNSI snapshots are resolved by
/// <see cref="FhirHeaderReader.Code"/> (1.2.643.5.1.13.13.99.2.197, 1.2.643.5.1.13.13.11.1005, 1.2.643.5.1.13.13.11.1070, …).
/// The ONE table of UNVERIFIED codes of kind 147 is here: directories the snapshots do not hold, taken from the public FNSI dumps
/// (version and publish date in <c>Schemas/fhir/dischargesummary-147.md</c>), and four directories of which no public dump was
/// found (1.2.643.5.1.13.13.99.2.784, 1.2.643.5.1.13.13.11.1496, 1.2.643.5.1.13.13.11.1069, 1.2.643.5.1.13.13.11.1046,
/// 1.2.643.5.1.13.13.11.1470): their
/// codes are carried as the Bundle sends them (code, display and version required).
/// </summary>
internal static class DischargeSummaryCodes
{
    /// <summary>«Кодируемые поля CDA документов» (public FNSI dump v5.41, published 05.02.2024).</summary>
    public const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";

    public const string IcdSystem = "1.2.643.5.1.13.13.11.1005";
    public const string SeveritySystem = "1.2.643.5.1.13.13.11.1006";
    public const string RepeatSystem = "1.2.643.5.1.13.13.11.1007";
    public const string NosologySystem = "1.2.643.5.1.13.13.11.1077";
    public const string ValiditySystem = "1.2.643.5.1.13.13.99.2.795";
    public const string ReasonSystem = "1.2.643.5.1.13.13.99.2.784";
    public const string ChannelSystem = "1.2.643.5.1.13.13.11.1496";
    public const string BedProfileSystem = "1.2.643.5.1.13.13.11.1069";
    public const string ResultSystem = "1.2.643.5.1.13.13.11.1046";
    public const string ServiceSystem = "1.2.643.5.1.13.13.11.1070";
    public const string DispositionSystem = "1.2.643.5.1.13.13.11.1470";

    private const string FieldName = "Кодируемые поля CDA документов";
    private const string FieldVersion = "5.41";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["6051"] = "Повод обращения",
        ["6023"] = "Признак поступления\\выбытия",
        ["6022"] = "Признак повторного лечения",
        ["6042"] = "Пути поступления пациента на госпитализацию",
        ["7006"] = "Текстовое описание",
        ["804"] = "Состояние пациента",
        ["835"] = "Жалобы пациента",
        ["818"] = "Результаты обращения (госпитализации)",
        ["6036"] = "Признак подозрения на злокачественное новообразование",
        ["6037"] = "Признак развертывания индивидуального поста",
        ["807"] = "Рекомендации",
        ["6024"] = "Профиль койки",
        ["6035"] = "Количество выполненных медицинских услуг",
        ["7026"] = "Степень обоснованности диагноза",
    };

    // Directories not among the snapshots, from the public FNSI dumps: (name, version, code → display).
    private static readonly Dictionary<string, (string Name, string Version, Dictionary<string, string> Codes)> Dumped = new(StringComparer.Ordinal)
    {
        [SeveritySystem] = ("Степень тяжести состояния пациента", "2.4", new(StringComparer.Ordinal)
        {
            ["1"] = "Удовлетворительное", ["2"] = "Средней тяжести", ["3"] = "Тяжелое", ["4"] = "Крайне тяжелое", ["5"] = "Клиническая смерть", ["6"] = "Терминальное",
        }),
        [RepeatSystem] = ("Вид случая госпитализации или обращения (первичный, повторный)", "2.1", new(StringComparer.Ordinal)
        {
            ["1"] = "Первичный", ["2"] = "Повторный",
        }),
        [NosologySystem] = ("Виды нозологических единиц диагноза", "2.2", new(StringComparer.Ordinal)
        {
            ["1"] = "Основное заболевание", ["2"] = "Осложнение основного заболевания", ["3"] = "Сопутствующее заболевание",
            ["4"] = "Основное конкурирующее заболевание", ["5"] = "Внешние причины заболеваемости и смертности", ["6"] = "Основное фоновое заболевание",
            ["7"] = "Осложнение сопутствующего заболевания", ["8"] = "Основное сочетанное заболевание",
        }),
        [ValiditySystem] = ("Степень обоснованности диагноза", "3.1", new(StringComparer.Ordinal)
        {
            ["1"] = "Предварительный клинический диагноз", ["2"] = "Этапный клинический диагноз", ["3"] = "Заключительный клинический диагноз", ["10"] = "Клинический диагноз",
        }),
    };

    // Directories of which no public dump was found: only their names (as the 147 rules and field names describe them; UNVERIFIED).
    private static readonly Dictionary<string, string> Unseen = new(StringComparer.Ordinal)
    {
        [ReasonSystem] = "Повод обращения",
        [ChannelSystem] = "Пути поступления пациента на госпитализацию",
        [BedProfileSystem] = "Профиль койки",
        [ResultSystem] = "Результаты обращения (госпитализации)",
        [DispositionSystem] = "Исходы госпитализации",
    };

    /// <summary>The code of a coded field of 1.2.643.5.1.13.13.99.2.166.</summary>
    public static CdaCode Field(string code) => new(code, FieldSystem, FieldName, FieldVersion, Fields[code]);

    /// <summary>The display of a field (for messages).</summary>
    public static string FieldDisplay(string code) => Fields[code];

    /// <summary>
    /// The coding of <paramref name="system"/> resolved for the SEMD: from the snapshots when the catalog holds the directory,
    /// else from the dump table, else as sent (code, display and version required). Null with a problem reported otherwise.
    /// </summary>
    public static CdaCode? Resolve(FhirHeaderReader reader, CodeableConcept? concept, string system, string path)
    {
        var coding = concept?.Coding.FirstOrDefault(c => c.System == "urn:oid:" + system);
        if (coding is null || string.IsNullOrEmpty(coding.Code))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Требуется coding с system urn:oid:{system} и code", path);
            return null;
        }

        if (reader.Nsi.HasDirectory(system))
        {
            return reader.Code(coding, path);
        }

        if (Dumped.TryGetValue(system, out var table))
        {
            if (!table.Codes.TryGetValue(coding.Code, out var display))
            {
                reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {coding.Code} отсутствует в справочнике {system} «{table.Name}» v{table.Version}", path);
                return null;
            }

            return new CdaCode(coding.Code, system, table.Name, table.Version, display);
        }

        if (string.IsNullOrWhiteSpace(coding.Display) || string.IsNullOrWhiteSpace(coding.Version))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Справочника {system} нет в НСИ шлюза: coding должен иметь code, display и version", path);
            return null;
        }

        return new CdaCode(coding.Code, system, Unseen.GetValueOrDefault(system), coding.Version, coding.Display);
    }
}
