using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>How a kind's rules want the common header written.</summary>
/// <param name="XsiTypes">
/// Write <c>xsi:type</c> (CD/ST) on the <c>identity:</c> and <c>address:</c> extension elements and on <c>medService:DocType</c> (119 revision 4);
/// the 2022+ XSD generation (147) blocks it.
/// </param>
/// <param name="LegalTimeAlwaysNull">Write <c>legalAuthenticator/time nullFlavor="NI"</c> whatever the Bundle says (119 revision 4).</param>
/// <param name="AfterLegalAuthenticator">Writes kind-specific header elements after <c>legalAuthenticator</c> (participant, …).</param>
/// <param name="ServiceEventPointTime">
/// Write <c>documentationOf/serviceEvent/effectiveTime</c> as one <c>value</c> (the end of the service, else its start) instead of a
/// <c>low</c>/<c>high</c> interval (186 revision 5).
/// </param>
internal sealed record CdaStyle(bool XsiTypes, bool LegalTimeAlwaysNull, Action<XmlWriter>? AfterLegalAuthenticator, bool ServiceEventPointTime = false)
{
    public static readonly CdaStyle Plain = new(false, false, null);
}
