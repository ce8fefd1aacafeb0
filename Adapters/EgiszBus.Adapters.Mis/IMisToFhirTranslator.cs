using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>One MIS format of one SEMD kind → FHIR R4 document Bundles (see <see cref="MisTranslators"/>).</summary>
public interface IMisToFhirTranslator
{
    /// <summary>The SEMD kind (FNSI 1.2.643.5.1.13.13.11.1520 code), e.g. <c>186</c>.</summary>
    string Kind { get; }

    /// <summary>The MIS format: <c>json</c> (one document per input) or <c>csv</c> (an export of many documents).</summary>
    string Format { get; }

    /// <summary>Translates the input; bad documents yield problems, the sound ones Bundles.</summary>
    MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> input);
}
