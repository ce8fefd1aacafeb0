namespace EgiszBus.Endpoints.Documents;

/// <summary>Problems the documents endpoint itself finds (translation and signature problems keep their own codes).</summary>
public static class DocumentErrorCodes
{
    /// <summary>The document carries no signature (<c>Bundle.signature</c> is empty); REMD requires the author's.</summary>
    public const string NoSignature = "DOC-001";

    /// <summary>No valid signature of the document's author: the signer certificate's SNILS differs from the author's SNILS.</summary>
    public const string SignerIsNotAuthor = "DOC-002";
}
