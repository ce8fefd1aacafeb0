namespace EgiszBus.Contracts;

/// <summary>
/// One signer of a document: role from FNSI 1.2.643.5.1.13.13.99.2.368, SNILS, position (FNSI 1.2.643.5.1.13.13.11.1002),
/// and the claim-check reference of the signer's detached CMS signature.
/// </summary>
public sealed record SignerFacts(
    string RoleCode,
    string Snils,
    string PositionCode,
    string PositionName,
    string SignatureRef);
