namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Problem codes of the MIS JSON certificate of no contact (kind 80) that <see cref="MisErrorCodes"/> does not have (range MIS-400…MIS-409).
/// The reader reports the shared codes of <see cref="MisErrorCodes"/> for everything else.
/// </summary>
public static class NoContactCertificateMisErrorCodes
{
    /// <summary>An OGRN (13 digits) or INN (10 digits) of the insurer has a wrong length or a wrong check digit.</summary>
    public const string InvalidRegistryNumber = "MIS-400";

    /// <summary>A list has a wrong number of items (the periods without contacts: one or two).</summary>
    public const string WrongItemCount = "MIS-401";

    /// <summary>A phone number is not <c>+</c> and 10–15 digits (spaces, brackets and hyphens allowed).</summary>
    public const string InvalidPhone = "MIS-402";

    /// <summary>An address part is malformed: postal code (6 digits), region code (2 digits), FIAS GUIDs.</summary>
    public const string InvalidAddress = "MIS-403";

    /// <summary>Values contradict each other (e.g. <c>contactNote</c> without <c>contact</c>).</summary>
    public const string InconsistentValues = "MIS-404";
}
