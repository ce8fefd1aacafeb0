using EgiszBus.Contracts.Commands;
using EgiszBus.Contracts.Events;

namespace EgiszBus.Contracts;

/// <summary>
/// The stable wire name of every published message. Names never change once released; a breaking change
/// gets a new type with a <c>.v2</c> name. The bus registers exactly this table.
/// </summary>
public static class WireNames
{
    /// <summary>Message type → wire name.</summary>
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(SubmitDocument)] = "egiszbus.documents.submit-document.v1",
        [typeof(RecordRemdResult)] = "egiszbus.remd.record-result.v1",
        [typeof(DocumentAccepted)] = "egiszbus.documents.document-accepted.v1",
        [typeof(DocumentRejected)] = "egiszbus.documents.document-rejected.v1",
        [typeof(DocumentSentToRemd)] = "egiszbus.remd.document-sent.v1",
        [typeof(DocumentRegistered)] = "egiszbus.remd.document-registered.v1",
        [typeof(DocumentRegistrationRejected)] = "egiszbus.remd.document-registration-rejected.v1",
        [typeof(DocumentRegistrationFailed)] = "egiszbus.remd.document-registration-failed.v1",
    };
}
