using System.Globalization;
using System.Text.RegularExpressions;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Value checks shared by the CSV and JSON readers. Each check reports through <c>report(code, message)</c>; the caller adds
/// the location. Messages never quote personal data.
/// </summary>
internal sealed partial class MisFieldParser(TimeProvider time)
{
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    /// <summary>The latest date accepted where a date may lie in the future.</summary>
    public static readonly DateOnly LatestFutureDate = new(2100, 12, 31);

    public delegate void Report(string code, string message);

    public string? Required(string? raw, string what, Report report)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            report(MisErrorCodes.MissingValue, $"Не заполнено обязательное поле «{what}»");
            return null;
        }

        return value;
    }

    public static string? Optional(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();

    public string? Snils(string? raw, string what, Report report)
    {
        if (Required(raw, what, report) is not { } value)
        {
            return null;
        }

        var digits = MisSnils.Normalize(value);
        if (digits is null || !MisSnils.HasValidChecksum(digits))
        {
            report(MisErrorCodes.InvalidSnils, $"«{what}»: СНИЛС должен содержать 11 цифр с верным контрольным числом");
            return null;
        }

        return digits;
    }

    public string? Code(string? raw, string what, string directory, Report report)
    {
        if (Required(raw, what, report) is not { } value)
        {
            return null;
        }

        if (!DigitsOnly().IsMatch(value))
        {
            report(MisErrorCodes.InvalidCode, $"«{what}»: код справочника {directory} должен состоять из цифр");
            return null;
        }

        return value;
    }

    public string? OmsPolicy(string? raw, string what, Report report)
    {
        if (Optional(raw) is not { } value)
        {
            return null;
        }

        if (!DigitsOnly().IsMatch(value) || value.Length is < 6 or > 16)
        {
            report(MisErrorCodes.InvalidCode, $"«{what}»: номер полиса ОМС должен состоять из 6–16 цифр");
            return null;
        }

        return value;
    }

    /// <summary>A date in one of <paramref name="formats"/>; checks the range (1900 … tomorrow).</summary>
    public DateOnly? Date(string? raw, string what, string[] formats, Report report) =>
        DateTime(raw, what, formats, [], report) is { } value ? DateOnly.FromDateTime(value.Value) : null;

    /// <summary>
    /// A date that may lie in the future (validity ends, planned course ends): parsed like <see cref="Date"/>, range
    /// 1900 … 2100; whether it is consistent with the document date is the caller's check.
    /// </summary>
    public DateOnly? FutureDate(string? raw, string what, string[] formats, Report report)
    {
        if (Required(raw, what, report) is not { } value)
        {
            return null;
        }

        if (!System.DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            report(MisErrorCodes.InvalidDate, $"«{what}»: дата некорректна или не существует (ожидается {string.Join(" или ", formats)})");
            return null;
        }

        var date = DateOnly.FromDateTime(parsed);
        if (date < MinDate || date > LatestFutureDate)
        {
            report(MisErrorCodes.DateOutOfRange, $"«{what}»: дата вне допустимого диапазона (с 01.01.1900 по 31.12.2100)");
            return null;
        }

        return date;
    }

    /// <summary>A date, or a date with time; HasTime tells which.</summary>
    public (DateTime Value, bool HasTime)? DateTime(string? raw, string what, string[] dateFormats, string[] dateTimeFormats, Report report)
    {
        if (Required(raw, what, report) is not { } value)
        {
            return null;
        }

        bool hasTime;
        if (System.DateTime.TryParseExact(value, dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            hasTime = false;
        }
        else if (dateTimeFormats.Length > 0
                 && System.DateTime.TryParseExact(value, dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
        {
            hasTime = true;
        }
        else
        {
            var expected = string.Join(" или ", dateFormats.Concat(dateTimeFormats));
            report(MisErrorCodes.InvalidDate, $"«{what}»: дата некорректна или не существует (ожидается {expected})");
            return null;
        }

        var latest = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1);
        if (DateOnly.FromDateTime(parsed) < MinDate || DateOnly.FromDateTime(parsed) > latest)
        {
            report(MisErrorCodes.DateOutOfRange, $"«{what}»: дата вне допустимого диапазона (с 01.01.1900 по текущую дату)");
            return null;
        }

        return (parsed, hasTime);
    }

    public decimal? Number(string? raw, string what, Report report)
    {
        if (Required(raw, what, report) is not { } value)
        {
            return null;
        }

        if (!NumberForm().IsMatch(value)
            || !decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            report(MisErrorCodes.InvalidNumber, $"«{what}»: ожидается число (десятичный разделитель — запятая или точка, без разделителей разрядов)");
            return null;
        }

        return number;
    }

    public MisReferenceRange? Range(string? raw, string what, Report report)
    {
        if (Required(raw, what, report) is not { } value)
        {
            return null;
        }

        static decimal Parse(string s) => decimal.Parse(s.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

        var match = RangeForm().Match(value);
        if (match.Success)
        {
            var low = Parse(match.Groups["low"].Value);
            var high = Parse(match.Groups["high"].Value);
            if (low <= high)
            {
                return new MisReferenceRange(low, high, value);
            }
        }
        else if (BoundForm().Match(value) is { Success: true } bound)
        {
            var number = Parse(bound.Groups["value"].Value);
            return bound.Groups["op"].Value is "<" or "<=" or "≤" ? new MisReferenceRange(null, number, value) : new MisReferenceRange(number, null, value);
        }

        report(MisErrorCodes.InvalidReferenceRange, $"«{what}»: референсный интервал должен иметь вид «3,5-5,5», «<5» или «>1»");
        return null;
    }

    [GeneratedRegex(@"^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsOnly();

    [GeneratedRegex(@"^-?[0-9]+([.,][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberForm();

    [GeneratedRegex(@"^(?<low>-?[0-9]+([.,][0-9]+)?)\s*[-–—]\s*(?<high>-?[0-9]+([.,][0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex RangeForm();

    [GeneratedRegex(@"^(?<op><=|>=|<|>|≤|≥)\s*(?<value>-?[0-9]+([.,][0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex BoundForm();
}
