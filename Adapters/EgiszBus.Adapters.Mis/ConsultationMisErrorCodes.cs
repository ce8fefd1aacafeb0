namespace EgiszBus.Adapters.Mis;

/// <summary>Problem codes of the MIS JSON consultation format beyond <see cref="MisErrorCodes"/> (range MIS-370…MIS-374).</summary>
public static class ConsultationMisErrorCodes
{
    /// <summary>A value outside the list the format publishes (e.g. <c>visitKind</c> other than primary/repeated).</summary>
    public const string UnknownValue = "MIS-370";

    /// <summary>Two times in the wrong order (an end before its start).</summary>
    public const string WrongTimeOrder = "MIS-371";
}
