using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>The date a FHIR document is dated by: the calendar day of <c>Composition.date</c> as written (in its own offset).</summary>
internal static class FhirDocumentDate
{
    /// <summary>The day of the first entry's <c>Composition.date</c>; null when there is no Composition or no readable date.</summary>
    public static DateOnly? Of(Bundle bundle)
    {
        if (bundle.Entry.FirstOrDefault()?.Resource is not Composition { Date: { Length: >= 10 } date })
        {
            return null;
        }

        return DateOnly.TryParseExact(date[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }
}
