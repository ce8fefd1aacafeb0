namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>How <see cref="FhirToSemdKindContract"/> checks a kind's samples against the official rules in <c>shared/data/semd/{kind}</c>.</summary>
public enum OfficialRulesCheck
{
    /// <summary>XSD (xmllint) and the compiled schematron (Saxon) report zero errors for every sample.</summary>
    ZeroErrors,

    /// <summary>The kind has no compiled schematron (43): the contract asserts it is still absent and that xmllint's XSD step reports zero errors.</summary>
    NoSchematron,

    /// <summary>
    /// The folder holds another kind's rules (147 holds 142's): the subclass has its own schematron test, and the contract asserts
    /// that the rules still do not name the document's templateId (once they do, switch the kind to <see cref="ZeroErrors"/>).
    /// </summary>
    OwnTest,
}
