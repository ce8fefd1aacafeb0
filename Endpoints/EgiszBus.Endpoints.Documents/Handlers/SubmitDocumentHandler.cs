using EgiszBus.Adapters.Semd;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Contracts;
using EgiszBus.Contracts.Commands;
using EgiszBus.Contracts.Events;
using EgiszBus.Endpoints.Hosting.Storage;
using Microsoft.Extensions.Logging;
using Rebus.Bus;
using Rebus.Handlers;

namespace EgiszBus.Endpoints.Documents.Handlers;

/// <summary>
/// A document from an MIS: FHIR Bundle → SEMD (official XSD), the author's detached CMS signature verified over the SEMD
/// bytes, SEMD and signatures kept in the document store, then <see cref="DocumentAccepted"/> — or
/// <see cref="DocumentRejected"/> listing every coded problem. Deterministic and idempotent: a redelivered command
/// produces the same SEMD, the same references and the same event.
/// </summary>
public sealed class SubmitDocumentHandler(
    IBus bus,
    IDocumentStore documents,
    FhirToSemdTranslators translator,
    SemdSchemaValidator schemas,
    CmsSignatureVerifier signatures,
    TimeProvider time,
    ILogger<SubmitDocumentHandler> logger) : IHandleMessages<SubmitDocument>
{
    /// <inheritdoc />
    public async Task Handle(SubmitDocument message)
    {
        var content = await documents.GetAsync(message.ContentRef);
        var translation = translator.Translate(content);
        if (!translation.Succeeded || translation.Semd is null || translation.Facts is null)
        {
            await Reject(message, ToDocumentProblems(translation.Problems));
            return;
        }

        var facts = translation.Facts;
        var semd = translation.Semd;
        var problems = ToDocumentProblems(schemas.Validate(facts.Kind, semd)).ToList();
        problems.AddRange(VerifySignatures(facts, semd));
        if (problems.Count > 0)
        {
            await Reject(message, problems);
            return;
        }

        var semdRef = await documents.PutAsync(semd);
        var author = facts.Signers[0];
        var signatureRef = await documents.PutAsync(facts.Signatures[0].Data);
        var patient = facts.Patient;
        var accepted = new DocumentAccepted(
            message.DocumentId,
            facts.Kind,
            facts.LocalUid.ToString(),
            semdRef,
            new DocumentFacts(
                facts.DocumentNumber,
                facts.OrganizationOid,
                facts.DepartmentOid,
                facts.CreatedAt,
                new PatientFacts(patient.Snils, patient.Family, patient.Given, patient.Patronymic, patient.BirthDate, patient.GenderCode),
                [new SignerFacts(author.RoleCode, author.Snils, author.PositionCode, author.PositionName, signatureRef)]),
            time.GetUtcNow());
        logger.LogInformation("Document {DocumentId} accepted: kind {Kind}, localUid {LocalUid}", message.DocumentId, facts.Kind, accepted.LocalUid);
        await bus.Publish(accepted);
    }

    private IEnumerable<DocumentProblem> VerifySignatures(LaboratoryDocumentFacts facts, byte[] semd)
    {
        if (facts.Signatures.Count == 0)
        {
            yield return new DocumentProblem(DocumentErrorCodes.NoSignature,
                "Документ не подписан: в Bundle.signature нет открепленной подписи CMS автора (REMD: NO_SIGNATURE)", "Bundle.signature");
            yield break;
        }

        var authorSnils = facts.Signers.Count > 0 ? facts.Signers[0].Snils : null;
        foreach (var carried in facts.Signatures)
        {
            var verification = signatures.Verify(semd, carried.Data, facts.CreatedAt);
            foreach (var problem in verification.Problems)
            {
                var remd = problem.RemdCode is null ? "" : $" (REMD: {problem.RemdCode})";
                yield return new DocumentProblem(problem.Code, problem.Message + remd, carried.Location);
            }

            if (verification.IsValid && verification.Signer?.Snils != authorSnils)
            {
                yield return new DocumentProblem(DocumentErrorCodes.SignerIsNotAuthor,
                    "СНИЛС в сертификате подписанта не совпадает со СНИЛС автора документа", carried.Location);
            }
        }
    }

    private static IEnumerable<DocumentProblem> ToDocumentProblems(IEnumerable<TranslationProblem> problems) =>
        problems.Select(p => new DocumentProblem(p.Code, p.Message, p.Location));

    private async Task Reject(SubmitDocument message, IEnumerable<DocumentProblem> problems)
    {
        var list = problems.ToList();
        logger.LogWarning("Document {DocumentId} rejected: {Codes}", message.DocumentId, string.Join(", ", list.Select(p => p.Code)));
        await bus.Publish(new DocumentRejected(message.DocumentId, list, time.GetUtcNow()));
    }
}
