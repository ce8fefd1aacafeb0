namespace EgiszBus.Adapters.Semd;

/// <summary>Translates a FHIR R4 document Bundle (JSON) into one SEMD kind.</summary>
public interface IFhirToSemdTranslator
{
    /// <summary>FNSI 1.2.643.5.1.13.13.11.1520 code of the kind this translator renders (e.g. "186", "119").</summary>
    string Kind { get; }

    /// <summary>Translates FHIR R4 JSON (a document Bundle); deterministic bytes, all problems reported.</summary>
    SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson);
}
