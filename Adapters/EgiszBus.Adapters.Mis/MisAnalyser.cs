namespace EgiszBus.Adapters.Mis;

/// <summary>The analyser the laboratory reports results from.</summary>
/// <param name="Id">Local id (rendered under <c>&lt;MIS root&gt;.67</c>).</param>
/// <param name="Model">Manufacturer model name.</param>
public sealed record MisAnalyser(string Id, string Model);
