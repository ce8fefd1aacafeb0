using EgiszBus.Contracts;
using Serilog.Core;
using Serilog.Events;

namespace EgiszBus.Host.Logging;

/// <summary>
/// Destructures the contract records that carry personal data (<see cref="PatientFacts"/>, <see cref="SignerFacts"/>,
/// <see cref="DocumentFacts"/>) with their personal fields replaced by <see cref="PersonalDataMasker.Mask"/>, so that
/// <c>{@Facts}</c> keeps the useful parts (document number, OIDs, positions, gender) and loses SNILS, names and birth date.
/// </summary>
public sealed class PersonalDataDestructuringPolicy : IDestructuringPolicy
{
    private static readonly ScalarValue Masked = new(PersonalDataMasker.Mask);

    /// <inheritdoc />
    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, out LogEventPropertyValue result)
    {
        var masked = TryMask(value);
        result = masked!;
        return masked is not null;
    }

    /// <summary>The masked structure of a personal contract record, or null when <paramref name="value"/> is none of them.</summary>
    public static StructureValue? TryMask(object? value) => value switch
    {
        PatientFacts patient => MaskPatient(patient),
        SignerFacts signer => MaskSigner(signer),
        DocumentFacts document => new StructureValue(
            [
                new LogEventProperty(nameof(DocumentFacts.DocumentNumber), new ScalarValue(document.DocumentNumber)),
                new LogEventProperty(nameof(DocumentFacts.OrganizationOid), new ScalarValue(document.OrganizationOid)),
                new LogEventProperty(nameof(DocumentFacts.DepartmentOid), new ScalarValue(document.DepartmentOid)),
                new LogEventProperty(nameof(DocumentFacts.CreatedAt), new ScalarValue(document.CreatedAt)),
                new LogEventProperty(nameof(DocumentFacts.Patient), document.Patient is null ? new ScalarValue(null) : MaskPatient(document.Patient)),
                new LogEventProperty(
                    nameof(DocumentFacts.Signers),
                    new SequenceValue(document.Signers?.Select(s => (LogEventPropertyValue)MaskSigner(s)) ?? [])),
            ],
            nameof(DocumentFacts)),
        _ => null,
    };

    private static StructureValue MaskPatient(PatientFacts patient) => new(
        [
            new LogEventProperty(nameof(PatientFacts.Snils), Masked),
            new LogEventProperty(nameof(PatientFacts.Family), Masked),
            new LogEventProperty(nameof(PatientFacts.Given), Masked),
            new LogEventProperty(nameof(PatientFacts.Patronymic), Masked),
            new LogEventProperty(nameof(PatientFacts.BirthDate), Masked),
            new LogEventProperty(nameof(PatientFacts.GenderCode), new ScalarValue(patient.GenderCode)),
        ],
        nameof(PatientFacts));

    private static StructureValue MaskSigner(SignerFacts signer) => new(
        [
            new LogEventProperty(nameof(SignerFacts.RoleCode), new ScalarValue(signer.RoleCode)),
            new LogEventProperty(nameof(SignerFacts.Snils), Masked),
            new LogEventProperty(nameof(SignerFacts.PositionCode), new ScalarValue(signer.PositionCode)),
            new LogEventProperty(nameof(SignerFacts.PositionName), new ScalarValue(signer.PositionName)),
            new LogEventProperty(nameof(SignerFacts.SignatureRef), new ScalarValue(signer.SignatureRef)),
        ],
        nameof(SignerFacts));
}
