namespace EgiszBus.TestKit;

/// <summary>Where the repository and the shared reference data are, seen from a test assembly.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding EgiszBus.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>
    /// The public reference data (<c>../shared/data</c> beside the repository), or <c>EGISZBUS_SHARED_DATA</c> when set.
    /// </summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("EGISZBUS_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>The shared tools folder (<c>../shared/tools</c>).</summary>
    public static string SharedTools => Path.GetFullPath(Path.Combine(SharedData, "..", "tools"));

    /// <summary>The <c>Samples/</c> folder of the repository.</summary>
    public static string Samples => Path.Combine(Root, "Samples");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EgiszBus.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EgiszBus.sln not found above " + AppContext.BaseDirectory);
    }
}
