namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>The <c>sha256:{hex}</c> references of the document store.</summary>
public static class DocumentReference
{
    /// <summary>The reference prefix.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The 64 lowercase hex digits of <paramref name="reference"/>; throws <see cref="FormatException"/> when malformed.</summary>
    public static string Hex(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var hex = reference.StartsWith(Prefix, StringComparison.Ordinal) ? reference[Prefix.Length..] : string.Empty;
        if (hex.Length != 64 || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new FormatException($"'{reference}' is not a document reference (sha256: followed by 64 lowercase hex digits)");
        }

        return hex;
    }
}
