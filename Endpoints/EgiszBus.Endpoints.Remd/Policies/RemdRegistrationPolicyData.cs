using EgiszBus.Contracts;
using Rebus.Sagas.Idempotent;

namespace EgiszBus.Endpoints.Remd.Policies;

/// <summary>State of <see cref="RemdRegistrationPolicy"/>, one per document instance (<see cref="LocalUid"/>).</summary>
public sealed class RemdRegistrationPolicyData : IdempotentSagaData
{
    /// <summary>REMD's idempotency key: the UUID of the document instance.</summary>
    public string LocalUid { get; set; } = "";

    /// <summary>The hub's id of the submission that started the registration (latest submission of the same document).</summary>
    public Guid DocumentId { get; set; }

    /// <summary>REMD kind (FNSI 1520 code).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Claim check of the SEMD bytes.</summary>
    public string SemdRef { get; set; } = "";

    /// <summary>Registration metadata.</summary>
    public DocumentFacts? Facts { get; set; }

    /// <summary>Current state.</summary>
    public RemdRegistrationState State { get; set; }

    /// <summary>registerDocument attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>searchRegistryItem checks scheduled so far (a timeout with another number is stale).</summary>
    public int Checks { get; set; }

    /// <summary>When the first attempt was made (the deadline counts from here).</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }

    /// <summary>The WS-Addressing MessageID of the latest registerDocument request.</summary>
    public string? LastMessageId { get; set; }

    /// <summary>The registry number once registered.</summary>
    public string? EmdrId { get; set; }

    /// <summary>REMD's errors when rejected, or the last technical failure.</summary>
    public List<DocumentProblem> Problems { get; set; } = [];

    /// <summary>A callback that came before the document: success flag.</summary>
    public bool? EarlySuccess { get; set; }

    /// <summary>The last technical failure (for operators).</summary>
    public string? LastFailure { get; set; }
}
