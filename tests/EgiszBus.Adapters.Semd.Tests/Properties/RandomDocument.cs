using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace EgiszBus.Adapters.Semd.Tests.Properties;

/// <summary>
/// Random valid documents of a kind: a sample Bundle with another patient (random name, sex, birth date, SNILS with a
/// valid checksum), another document instance (number, id), every date of the document shifted by the same random
/// number of days, and — for the laboratory protocol — other result values.
/// </summary>
public sealed partial record RandomDocument(string SampleFile, string Json, string Description)
{
    private static readonly string[] MaleFamilies = ["Иванов", "Смирнов", "Соколов", "Лебедев", "Новиков", "Морозов", "Волков", "Зайцев"];
    private static readonly string[] MaleGiven = ["Алексей", "Дмитрий", "Сергей", "Иван", "Михаил", "Николай"];
    private static readonly string[] MalePatronymics = ["Андреевич", "Петрович", "Игоревич", "Олегович", "Викторович"];
    private static readonly string[] FemaleFamilies = ["Иванова", "Смирнова", "Соколова", "Лебедева", "Новикова", "Морозова"];
    private static readonly string[] FemaleGiven = ["Анна", "Мария", "Ольга", "Елена", "Татьяна", "Наталья"];
    private static readonly string[] FemalePatronymics = ["Андреевна", "Петровна", "Игоревна", "Олеговна", "Викторовна"];

    /// <summary>Generator of random documents built on <paramref name="sampleFile"/>.</summary>
    public static Gen<RandomDocument> For(string sampleFile)
    {
        var sample = File.ReadAllText(sampleFile);
        return Gen.Select(
                Gen.Bool,
                Gen.Int[0, 1000],
                Gen.Int[1, 9_999_999],
                Gen.Int[-300, 300],
                Gen.Int[0, 999_999_998].Where(n => n > 1_001_998),
                Gen.Date[new DateTime(1930, 1, 1), new DateTime(2020, 12, 31)],
                Gen.Double[0.5, 2.0],
                Gen.Guid)
            .Select(t => Build(sampleFile, sample, t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8));
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>The SNILS check digits of the first nine digits.</summary>
    public static string Checksum(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (9 - i);
        }

        var check = sum < 100 ? sum : sum is 100 or 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
        return check.ToString("00", CultureInfo.InvariantCulture);
    }

    private static RandomDocument Build(string file, string sample, bool male, int pick, int number, int shiftDays, int snilsBase,
        DateTime birthDate, double factor, Guid id)
    {
        var bundle = JsonNode.Parse(sample)!.AsObject();
        var nine = snilsBase.ToString("D9", CultureInfo.InvariantCulture);
        var snils = nine + Checksum(nine);
        var family = male ? MaleFamilies[pick % MaleFamilies.Length] : FemaleFamilies[pick % FemaleFamilies.Length];
        var given = male ? MaleGiven[pick % MaleGiven.Length] : FemaleGiven[pick % FemaleGiven.Length];
        var patronymic = male ? MalePatronymics[pick % MalePatronymics.Length] : FemalePatronymics[pick % FemalePatronymics.Length];

        ShiftDates(bundle, shiftDays);
        bundle["id"] = id.ToString();
        bundle["identifier"]!["value"] = number.ToString(CultureInfo.InvariantCulture);
        foreach (var resource in bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()))
        {
            switch (resource["resourceType"]!.GetValue<string>())
            {
                case "Patient":
                    foreach (var identifier in resource["identifier"]!.AsArray())
                    {
                        if (identifier!["system"]!.GetValue<string>() == "urn:oid:1.2.643.100.3")
                        {
                            identifier["value"] = snils;
                        }
                    }

                    resource["name"]![0]!["family"] = family;
                    resource["name"]![0]!["given"] = new JsonArray(given, patronymic);
                    resource["gender"] = male ? "male" : "female";
                    resource["birthDate"] = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case "Observation" when resource["valueQuantity"] is JsonObject quantity && quantity["value"] is JsonValue value:
                    var scaled = Math.Round(value.GetValue<decimal>() * (decimal)factor, 1);
                    resource["valueQuantity"]!["value"] = scaled <= 0 ? 0.1m : scaled;
                    break;
            }
        }

        var description = $"{Path.GetFileName(file)}: {(male ? "male" : "female")} patient born {birthDate:yyyy-MM-dd}, document {number}, dates shifted {shiftDays} days, values ×{factor:0.00}";
        return new RandomDocument(file, bundle.ToJsonString(), description);
    }

    /// <summary>Shifts every date and date-time value (but birth dates, set separately) by <paramref name="days"/>.</summary>
    private static void ShiftDates(JsonNode node, int days)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue scalar && key != "birthDate" && scalar.TryGetValue<string>(out var text) && DateLike().IsMatch(text))
                    {
                        obj[key] = Shift(text, days);
                    }
                    else if (value is not null)
                    {
                        ShiftDates(value, days);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    if (item is not null)
                    {
                        ShiftDates(item, days);
                    }
                }

                break;
        }
    }

    private static string Shift(string text, int days)
    {
        var date = DateTime.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(days);
        return new StringBuilder(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(text[10..]).ToString();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")]
    private static partial Regex DateLike();
}
