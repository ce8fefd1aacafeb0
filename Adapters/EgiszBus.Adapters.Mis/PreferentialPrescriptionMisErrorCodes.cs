namespace EgiszBus.Adapters.Mis;

/// <summary>MIS problem codes of the kind-141 JSON format (range MIS-390…MIS-399), beside <see cref="MisErrorCodes"/>.</summary>
public static class PreferentialPrescriptionMisErrorCodes
{
    /// <summary>A preferential prescription holds exactly one product; <c>items</c> has more.</summary>
    public const string OneItemOnly = "MIS-390";
}
