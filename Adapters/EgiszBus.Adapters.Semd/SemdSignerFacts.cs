namespace EgiszBus.Adapters.Semd;

/// <summary>A person expected to sign the document.</summary>
/// <param name="RoleCode">FNSI 1.2.643.5.1.13.13.99.2.368 code of the signing role (<c>1</c> = «Врач» for the doctor who signs).</param>
/// <param name="Snils">11 digits.</param>
/// <param name="PositionCode">FNSI 1.2.643.5.1.13.13.11.1002 code.</param>
/// <param name="PositionName">FNSI 1.2.643.5.1.13.13.11.1002 name.</param>
public sealed record SemdSignerFacts(string RoleCode, string Snils, string PositionCode, string PositionName);
