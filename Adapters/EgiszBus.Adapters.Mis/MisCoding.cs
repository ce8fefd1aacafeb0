namespace EgiszBus.Adapters.Mis;

/// <summary>A coding taken as configured in the profile (for directories the hub holds no snapshot of, or fixed choices).</summary>
/// <param name="Code">Code in the directory.</param>
/// <param name="Display">Display name.</param>
/// <param name="Version">Directory version.</param>
public sealed record MisCoding(string Code, string Display, string Version);
