using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Lets the shared <see cref="FhirHeaderReader"/> read the header of a kind-147 Bundle while <see cref="SemdKinds"/> does not
/// yet list kind 147: the reader is given a copy whose 1520 coding names kind 119 (same header rules, CDA code taken from the
/// Bundle's own 1522 coding); the translator then sets the 147 templateId. Once <see cref="SemdKinds.Known"/> holds 147,
/// the Bundle is passed through unchanged.
/// </summary>
internal static class DischargeSummaryHeaderBundle
{
    public static Bundle ForHeaderReader(Bundle bundle)
    {
        if (SemdKinds.ByKind("147") is not null || bundle.Entry.FirstOrDefault()?.Resource is not Composition)
        {
            return bundle;
        }

        var copy = (Bundle)bundle.DeepCopy();
        var composition = (Composition)copy.Entry[0].Resource!;
        foreach (var coding in composition.Type.Coding.Where(x => x.System == "urn:oid:" + SemdKinds.KindSystem))
        {
            coding.Code = "119";
        }

        return copy;
    }
}
