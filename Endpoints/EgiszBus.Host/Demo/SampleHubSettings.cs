namespace EgiszBus.Host.Demo;

/// <summary>
/// Settings every hub that runs the samples needs (demo, bench): trust in the test CA of <c>Samples/Pki</c>, the
/// organisation's test key for WS-Security on REMD calls, and the XSD stand-in for kind 147 (the public data's
/// <c>semd/147</c> folder holds kind 142's rules, so discharge summaries are checked against the base CDA schema).
/// </summary>
public static class SampleHubSettings
{
    /// <summary>The settings, for a hub whose samples are signed with the keys in <paramref name="pkiDirectory"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> For(string pkiDirectory) =>
    [
        new("Trust:CaCertificates:0", Path.Combine(pkiDirectory, "ca.pem")),
        new("Signing:CertificatePath", Path.Combine(pkiDirectory, "organization.pem")),
        new("Signing:PrivateKeyPath", Path.Combine(pkiDirectory, "organization.key.pem")),
        new("ReferenceData:SchemaFolders:147", "119"),
    ];
}
