namespace EgiszBus.Adapters.Mis;

/// <summary>A medical service given during the stay (SEMD 147 section SERVICES).</summary>
/// <param name="Id">The MIS id of the service (becomes the act id under <c>&lt;MIS root&gt;.52</c>).</param>
/// <param name="Code">Code of FNSI 1.2.643.5.1.13.13.11.1070 «Номенклатура медицинских услуг».</param>
/// <param name="Performed">When it was performed (local).</param>
public sealed record MisDischargeSummaryService(string Id, string Code, DateTime Performed);
