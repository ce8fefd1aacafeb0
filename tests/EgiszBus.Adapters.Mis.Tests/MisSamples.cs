using System.Text;
using System.Text.Json;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Mis.Tests;

/// <summary>Sample files, the profile and the FHIR → SEMD translator shared by the tests.</summary>
internal static class MisSamples
{
    public const string Header = "НомерДокумента;ДатаДокумента;OIDМО;НаименованиеМО;СНИЛСПациента;Фамилия;Имя;Отчество;ДатаРождения;Пол;ПолисОМС;СНИЛСВрача;ФамилияВрача;ИмяВрача;ОтчествоВрача;КодДолжности;КодТеста;НаименованиеТеста;Результат;ЕдиницаИзмерения;РефИнтервал;ДатаВзятияБиоматериала";

    private static readonly Lazy<LaboratoryFhirToSemdTranslator> SemdLazy = new(() => new LaboratoryFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));
    private static readonly Lazy<MisProfile> ProfileLazy = new(() => MisProfile.Load(Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "profile.json")));
    private static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    static MisSamples() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static MisProfile Profile => ProfileLazy.Value;

    public static LaboratoryFhirToSemdTranslator Semd => SemdLazy.Value;

    public static Encoding Windows1251 => Encoding.GetEncoding(1251);

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, "Documents", relative));

    public static string ToJson(Bundle bundle) => JsonSerializer.Serialize(bundle, FhirJson);

    /// <summary>A valid row of document <paramref name="number"/>; <paramref name="change"/> replaces fields by column index.</summary>
    public static string Row(string number = "1001", int testIndex = 0, params (int Column, string Value)[] change)
    {
        string[][] tests =
        [
            ["1168863", "Гемоглобин", "142", "60", "130-160"],
            ["1017375", "Эритроциты", "4,85", "328", "4,0-5,5"],
            ["1017979", "Лейкоциты", "11,8", "322", "4,0-9,0"],
        ];
        var t = tests[testIndex];
        var fields = new List<string>
        {
            number, "12.03.2025 14:30", "1.2.643.5.1.13.13.12.2.77.7973", "ГБУЗ «Городская поликлиника № 1»",
            "456-789-012 38", "Смирнов", "Алексей", "Николаевич", "15.03.1980", "1", "7751234567890011",
            "234-567-890 99", "Сидорова", "Анна", "Викторовна", "35",
            t[0], t[1], t[2], t[3], t[4], "12.03.2025 08:30",
        };
        foreach (var (column, value) in change)
        {
            fields[column] = value;
        }

        return string.Join(';', fields);
    }

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", new[] { Header }.Concat(rows)) + "\n");

    /// <summary>Serialises the Bundle to FHIR JSON and translates those bytes to SEMD 186.</summary>
    public static SemdTranslation ToSemd(Bundle bundle) => Semd.Translate(Encoding.UTF8.GetBytes(ToJson(bundle)));
}
