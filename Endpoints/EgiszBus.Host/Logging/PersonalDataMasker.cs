using System.Globalization;
using System.Text.RegularExpressions;

namespace EgiszBus.Host.Logging;

/// <summary>
/// Finds personal data in free text and in property names and replaces it with <see cref="Mask"/>.
/// </summary>
/// <remarks>
/// Text rules (applied in this order):
/// <list type="number">
/// <item>A value after a personal key in <c>key = value</c>, <c>key: value</c> or JSON <c>"key": "value"</c> form (as record
/// <c>ToString()</c> and serialised payloads write them): <c>Snils</c>, <c>Family</c>, <c>Given</c>, <c>Patronymic</c>,
/// <c>BirthDate</c>, <c>LastName</c>, <c>FirstName</c>, <c>MiddleName</c>, <c>Surname</c>, <c>Enp</c>, <c>PolicyNumber</c>, <c>Phone</c>;
/// also <c>Password</c>/<c>Pwd</c> (connection strings), which are secrets rather than personal data.</item>
/// <item>SNILS written with separators (<c>123-456-789 01</c>, <c>123-456-789-01</c>, <c>123 456 789 01</c>): always masked.</item>
/// <item>A standalone run of exactly 11 digits: masked when its SNILS checksum is valid, or when a SNILS keyword
/// (<c>snils</c>, <c>СНИЛС</c>, the OID <c>1.2.643.100.3</c>) stands up to 40 characters before it.
/// "Standalone" means not glued to letters, digits, <c>-</c>, <c>_</c>, <c>/</c> or an OID dot, so GUIDs, OIDs,
/// hex thumbprints and counts are left alone. A random 11-digit number has a 1 % chance of a valid checksum and is then
/// masked too: we prefer a masked order number to a leaked SNILS.</item>
/// <item>A standalone run of exactly 16 digits (ENP, the single OMS policy number): always masked; 6 to 16 digits right
/// after a policy keyword (<c>полис</c>, <c>policy</c>, <c>ЕНП</c>, <c>ENP</c>, <c>OMS</c>) are masked too.</item>
/// <item>A date (<c>1980-03-15</c>, <c>15.03.1980</c>, <c>15/03/1980</c>) right after a birth keyword
/// (<c>birth</c>, <c>born</c>, <c>DOB</c>, <c>рожд…</c>, <c>д.р.</c>).</item>
/// <item>A Russian full name: two capitalised Cyrillic words followed by a patronymic (…вич, …вна, …ична, …оглы, …кызы),
/// or a family name with initials (<c>Смирнов А. Н.</c>).</item>
/// <item>Up to three capitalised words after a person keyword (<c>пациент</c>, <c>врач</c>, <c>ФИО</c>, <c>patient</c>,
/// <c>doctor</c>, <c>signer</c>…) followed by <c>:</c> or <c>=</c>.</item>
/// </list>
/// Property names are compared after lower-casing and removing <c>_</c>, <c>-</c> and <c>.</c>: see
/// <see cref="IsPersonalPropertyName"/>.
/// </remarks>
public static partial class PersonalDataMasker
{
    /// <summary>What every masked value becomes.</summary>
    public const string Mask = "***";

    // A bare "address" is personal only inside a person structure (see PersonSuffixes): ASP.NET logs its listening
    // address under that name.
    private static readonly HashSet<string> PersonalNames = new(StringComparer.Ordinal)
    {
        "snils", "family", "familyname", "given", "givenname", "patronymic", "lastname", "firstname", "middlename",
        "surname", "fio", "fullname", "birthdate", "dateofbirth", "dob", "birthday", "born", "policy", "policynumber",
        "enp", "oms", "omspolicy", "phone", "phonenumber", "telephone", "mobile", "email", "homeaddress",
        "postaladdress", "registrationaddress", "passport", "password", "pwd",
    };

    private static readonly string[] PersonalFragments =
    [
        "snils", "birth", "patronymic", "surname", "lastname", "firstname", "middlename", "familyname", "givenname",
        "policynumber", "phone", "passport",
    ];

    private static readonly string[] PersonSuffixes = ["names", "name", "address", "policy", "enp"];

    private static readonly HashSet<string> PersonWordTails = new(StringComparer.Ordinal)
    {
        string.Empty, "s", "facts", "info", "data", "dto", "model", "record", "identity", "details",
    };

    private static readonly string[] PersonWords =
    [
        "patient", "person", "doctor", "signer", "author", "physician", "employee", "staff", "practitioner",
        "pacient", "legalauthenticator", "assignedauthor", "assignedentity",
    ];

    /// <summary>
    /// True when a property (or dictionary key) called <paramref name="name"/> holds personal data by its name alone:
    /// SNILS, family/given/middle names, birth dates, policy numbers, phones, addresses. <c>name</c> itself is personal
    /// only inside a person structure (<paramref name="insidePerson"/>) or with a person prefix (<c>PatientName</c>).
    /// </summary>
    public static bool IsPersonalPropertyName(string name, bool insidePerson = false)
    {
        var normalized = Normalize(name);
        if (normalized.Length == 0)
        {
            return false;
        }

        if (PersonalNames.Contains(normalized))
        {
            return true;
        }

        foreach (var fragment in PersonalFragments)
        {
            if (normalized.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var suffix in PersonSuffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
            {
                var prefix = normalized[..^suffix.Length];
                return prefix.Length == 0
                    ? insidePerson
                    : IsPersonWord(prefix) || (insidePerson && prefix is "full" or "display" or "short" or "official");
            }
        }

        return false;
    }

    /// <summary>True when a property name or type name denotes a person (patient, doctor, signer, author…).</summary>
    public static bool IsPersonWord(string name)
    {
        var normalized = Normalize(name);
        foreach (var word in PersonWords)
        {
            if (normalized.StartsWith(word, StringComparison.Ordinal)
                && PersonWordTails.Contains(normalized[word.Length..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns <paramref name="text"/> with every personal datum found by the text rules replaced by <see cref="Mask"/>.</summary>
    public static string MaskText(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = PersonalKeyValue().Replace(text, m => m.Groups["lead"].Value + Mask);
        result = FormattedSnils().Replace(result, Mask);
        result = ElevenDigits().Replace(result, m => IsValidSnils(m.Value) || HasSnilsKeywordBefore(m.Value, result, m.Index) ? Mask : m.Value);
        result = SixteenDigits().Replace(result, Mask);
        result = PolicyAfterKeyword().Replace(result, m => m.Groups["lead"].Value + Mask);
        result = BirthDateAfterKeyword().Replace(result, m => m.Groups["lead"].Value + Mask);
        result = RussianFullName().Replace(result, Mask);
        result = FamilyWithInitials().Replace(result, Mask);
        result = NameAfterPersonKeyword().Replace(result, m => m.Groups["lead"].Value + Mask);
        return result;
    }

    /// <summary>
    /// True when <paramref name="digits"/> (11 digits, separators ignored) is a SNILS with a valid control number.
    /// Numbers up to 001-001-998 have no checksum and count as valid.
    /// </summary>
    public static bool IsValidSnils(string digits)
    {
        Span<int> d = stackalloc int[11];
        var count = 0;
        foreach (var c in digits)
        {
            if (c is >= '0' and <= '9')
            {
                if (count == 11)
                {
                    return false;
                }

                d[count++] = c - '0';
            }
        }

        if (count != 11)
        {
            return false;
        }

        var number = 0L;
        for (var i = 0; i < 9; i++)
        {
            number = (number * 10) + d[i];
        }

        var control = (d[9] * 10) + d[10];
        if (number <= 1001998)
        {
            return true;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += d[i] * (9 - i);
        }

        var expected = sum < 100 ? sum : sum is 100 or 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
        return expected == control;
    }

    /// <summary>True when masking would change the invariant text of <paramref name="number"/> (an 11- or 16-digit value).</summary>
    internal static bool IsPersonalNumber(IFormattable number)
    {
        var text = number.ToString(null, CultureInfo.InvariantCulture);
        return (text.Length == 11 && IsValidSnils(text)) || text.Length == 16;
    }

    private static bool HasSnilsKeywordBefore(string _, string text, int index)
    {
        var start = Math.Max(0, index - 40);
        return SnilsKeyword().IsMatch(text.AsSpan(start, index - start));
    }

    private static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '_' or '-' or '.' or ' ' or '@' or '$')
            {
                continue;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }

    private const string Before = @"(?<![\p{L}\p{N}_\-/.])";
    private const string After = @"(?![\p{L}\p{N}_\-/]|\.\p{N})";

    [GeneratedRegex(@"(?<lead>(?<![\p{L}])""?(?i:snils|family|given|patronymic|birth_?date|date_?of_?birth|last_?name|first_?name|middle_?name|surname|enp|policy_?number|phone|password|pwd)""?\s*[:=]\s*""?)(?!\*\*\*)[^,;}\]""\r\n]*[^,;}\]""\r\n\s]",
        RegexOptions.CultureInvariant)]
    private static partial Regex PersonalKeyValue();

    [GeneratedRegex(Before + @"\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2}" + After, RegexOptions.CultureInvariant)]
    private static partial Regex FormattedSnils();

    [GeneratedRegex(Before + @"\d{11}" + After, RegexOptions.CultureInvariant)]
    private static partial Regex ElevenDigits();

    [GeneratedRegex(Before + @"\d{16}" + After, RegexOptions.CultureInvariant)]
    private static partial Regex SixteenDigits();

    [GeneratedRegex(@"(?:snils|снилс|1\.2\.643\.100\.3)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SnilsKeyword();

    [GeneratedRegex(@"(?<lead>(?:полис\w*|policy|енп|enp|омс|oms)(?:\s+(?:омс|oms|number|№|no\.?))?\s*[:=№#]?\s*)(?:[\p{L}]{1,3}\s?)?\d{6,16}" + After,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PolicyAfterKeyword();

    [GeneratedRegex(@"(?<lead>(?:birth\s*date|birth_date|birthdate|date\s+of\s+birth|birthday|born(?:\s+on)?|dob|дата\s+рождения|рожд\w*|д\.\s?р\.)\W{0,3}\s*)(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{8})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BirthDateAfterKeyword();

    [GeneratedRegex(@"(?<![\p{L}])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|инична|оглы|кызы|ич)(?![\p{L}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex RussianFullName();

    [GeneratedRegex(@"(?<![\p{L}])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyWithInitials();

    [GeneratedRegex(@"(?<lead>(?<![\p{L}])(?i:пациент\w*|врач\w*|подписант\w*|автор\w*|фио|patient|doctor|signer|author|person)\s*[:=]\s*)[\p{Lu}][\p{L}\-]*(?:\s+[\p{Lu}][\p{L}\-]*\.?){0,2}",
        RegexOptions.CultureInvariant)]
    private static partial Regex NameAfterPersonKeyword();
}
