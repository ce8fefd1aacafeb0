namespace EgiszBus.Adapters.Signatures;

/// <summary>A trust store file or folder could not be read; <see cref="FilePath"/> names it.</summary>
public sealed class TrustStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrustStoreException(string filePath, string message, Exception? innerException = null)
        : base($"{message}: {filePath}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file (or folder) that failed.</summary>
    public string FilePath { get; }
}
