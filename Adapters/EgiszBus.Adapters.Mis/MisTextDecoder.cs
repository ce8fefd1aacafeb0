using System.Text;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Decodes an MIS export: a UTF-8 BOM means UTF-8; otherwise strict UTF-8 when the bytes are valid UTF-8; otherwise
/// Windows-1251. Binary data (NUL and other control characters), UTF-16/UTF-32 are refused.
/// </summary>
public static class MisTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> Windows1251 = new(() => CodePagesEncodingProvider.Instance.GetEncoding(1251)
        ?? throw new InvalidOperationException("Windows-1251 is not available"));

    /// <summary>The result of decoding.</summary>
    /// <param name="Text">The text (without BOM), or null when refused.</param>
    /// <param name="EncodingName"><c>utf-8-bom</c>, <c>utf-8</c> or <c>windows-1251</c> (null when refused).</param>
    /// <param name="Problem">Why the bytes were refused (<see cref="MisErrorCodes.UnsupportedEncoding"/>), or null.</param>
    public sealed record Decoded(string? Text, string? EncodingName, MisProblem? Problem);

    /// <summary>Decodes <paramref name="bytes"/> as described on the type.</summary>
    public static Decoded Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Refused("Кодировка UTF-16/UTF-32 не поддерживается: сохраните выгрузку в UTF-8 или Windows-1251", "line 1, column 1");
        }

        string text;
        string name;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            name = "utf-8-bom";
            try
            {
                text = StrictUtf8.GetString(bytes[3..]);
            }
            catch (DecoderFallbackException)
            {
                return Refused("Файл с меткой UTF-8 (BOM) содержит байты, недопустимые в UTF-8", null);
            }
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(bytes);
                name = "utf-8";
            }
            catch (DecoderFallbackException)
            {
                text = Windows1251.Value.GetString(bytes);
                name = "windows-1251";
            }
        }

        // Control characters other than tab and line ends mean binary data or a text in an unsupported encoding.
        var line = 1;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                continue;
            }

            if (char.IsControl(c) && c is not '\t' and not '\r')
            {
                return Refused($"Недопустимый управляющий символ U+{(int)c:X4}: файл не является текстом в UTF-8 или Windows-1251", $"line {line}, column {column}");
            }

            column++;
        }

        return new Decoded(text, name, null);
    }

    private static Decoded Refused(string message, string? location) =>
        new(null, null, new MisProblem(MisErrorCodes.UnsupportedEncoding, message, location));
}
