namespace EgiszBus.Adapters.Remd;

/// <summary>One signer: role (99.2.368), SNILS, position (11.1002), and the detached CMS signature bytes.</summary>
public sealed record RemdSigner(string RoleCode, string Snils, string PositionCode, string PositionName, byte[] Signature)
{
    /// <summary>The signer's department OID (<c>signers/item/department</c>), when the kind asks for it.</summary>
    public string? DepartmentOid { get; init; }
}
