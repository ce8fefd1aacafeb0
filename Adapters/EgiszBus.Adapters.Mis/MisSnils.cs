using System.Globalization;

namespace EgiszBus.Adapters.Mis;

/// <summary>SNILS checks (the same rule as the Semd adapter's; adapters do not reference each other).</summary>
internal static class MisSnils
{
    /// <summary>Digits only, or null unless exactly 11 digits with only '-' and ' ' as separators.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        var rest = value.Where(c => !char.IsAsciiDigit(c)).All(c => c is '-' or ' ');
        return digits.Length == 11 && rest ? digits : null;
    }

    /// <summary>Weights 9..1 over the first 9 digits; sum &lt; 100 → sum, 100/101 → 00, above → sum mod 101 (100 → 00).</summary>
    public static bool HasValidChecksum(string digits)
    {
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (9 - i);
        }

        var check = sum < 100 ? sum : sum is 100 or 101 ? 0 : sum % 101;
        if (check == 100)
        {
            check = 0;
        }

        return check == int.Parse(digits.AsSpan(9, 2), CultureInfo.InvariantCulture);
    }
}
