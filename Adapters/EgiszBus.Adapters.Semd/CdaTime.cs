using System.Globalization;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Semd;

/// <summary>CDA TS (<c>yyyyMMdd[HHmm[ss]][±zzzz]</c>) ↔ FHIR date/dateTime.</summary>
internal static partial class CdaTime
{
    [GeneratedRegex(@"^(?<y>\d{4})(?<M>\d{2})(?<d>\d{2})((?<H>\d{2})(?<m>\d{2})(?<s>\d{2})?(\.\d+)?)?(?<z>[+-]\d{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Ts();

    /// <summary>FHIR date or dateTime of a TS, or null when the TS is malformed.</summary>
    public static string? ToFhir(string ts)
    {
        var m = Ts().Match(ts);
        if (!m.Success)
        {
            return null;
        }

        var date = $"{m.Groups["y"].Value}-{m.Groups["M"].Value}-{m.Groups["d"].Value}";
        if (!m.Groups["H"].Success)
        {
            return date;
        }

        var seconds = m.Groups["s"].Success ? m.Groups["s"].Value : "00";
        var zone = m.Groups["z"].Success ? m.Groups["z"].Value.Insert(3, ":") : "+03:00";
        return $"{date}T{m.Groups["H"].Value}:{m.Groups["m"].Value}:{seconds}{zone}";
    }

    /// <summary>TS of a FHIR date (<c>yyyyMMdd</c>) or dateTime (<c>yyyyMMddHHmmss±zzzz</c>), or null when malformed.</summary>
    public static string? ToTs(string? fhir)
    {
        if (string.IsNullOrEmpty(fhir))
        {
            return null;
        }

        if (DateOnly.TryParseExact(fhir, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        }

        return DateTimeOffset.TryParse(fhir, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? Of(value) : null;
    }

    public static string Of(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + sign + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }
}
