namespace EgiszBus.Adapters.Semd.Schematron;

/// <summary>How <see cref="SchematronValidator"/> starts Saxon-HE: the Java binary, the Saxon jar, JVM options and a time limit.</summary>
public sealed record SchematronOptions
{
    /// <summary>The Saxon-HE jar of Debian's <c>libsaxonhe-java</c>.</summary>
    public const string DefaultSaxonJar = "/usr/share/java/Saxon-HE.jar";

    /// <summary>The Java binary: a path, or a name looked up on <c>PATH</c> (default <c>java</c>).</summary>
    public string Java { get; init; } = "java";

    /// <summary>The Saxon-HE jar (default <see cref="DefaultSaxonJar"/>).</summary>
    public string SaxonJar { get; init; } = DefaultSaxonJar;

    /// <summary>JVM options: a deep stack for the recursive schematron templates, fast start-up.</summary>
    public IReadOnlyList<string> JvmOptions { get; init; } = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

    /// <summary>Longest one Saxon run may take (all documents of one call together); default 3 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);
}
