using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Builds <see cref="LaboratoryDocumentFacts"/> (the general facts record of every kind) from a header and its Bundle.</summary>
internal static class HeaderFacts
{
    public static LaboratoryDocumentFacts? Of(string kind, CdaHeader h, Bundle bundle, NsiCatalog nsi, FhirHeaderReader reader)
    {
        var p = h.Patient;
        if (p.Snils is null || p.Name is null || p.BirthTime is null || p.Gender is null || h.Author.Snils is null || h.Author.Position is null)
        {
            return null;
        }

        var localUid = Guid.TryParse(bundle.Id, out var id) ? id : NameBasedUuid.ForDocument(h.IdRoot, h.IdExtension);
        var doctorRole = nsi.Find("1.2.643.5.1.13.13.99.2.368", "1")?.Code ?? "1";
        var signers = new List<SemdSignerFacts> { new(doctorRole, h.Author.Snils, h.Author.Position.Code, h.Author.Position.Display ?? string.Empty) };
        if (h.LegalAuthenticator.Snils is { } legal && legal != h.Author.Snils && h.LegalAuthenticator.Position is { } position)
        {
            signers.Add(new SemdSignerFacts(doctorRole, legal, position.Code, position.Display ?? string.Empty));
        }

        var signatures = new List<CarriedSignature>();
        if (bundle.Signature is { } signature)
        {
            if (signature.Data is not { Length: > 0 } bytes)
            {
                reader.Problem(TranslationErrorCodes.InvalidSignature, "Bundle.signature.data отсутствует", "Bundle.signature.data");
            }
            else
            {
                string? signer = null;
                if (reader.Resolve(signature.Who as ResourceReference, "Bundle.signature.who") is { } who)
                {
                    var practitioner = who.Resource switch
                    {
                        PractitionerRole role when reader.Resolve(role.Practitioner, $"Bundle.entry[{who.Index}].resource.practitioner") is { Resource: Practitioner x } => x,
                        Practitioner x => x,
                        _ => null,
                    };
                    signer = Snils.Normalize(practitioner?.Identifier.FirstOrDefault(i => i.System == LaboratoryFhirToSemdTranslator.SnilsSystem)?.Value);
                }

                signatures.Add(new CarriedSignature(signer, bytes, "Bundle.signature"));
            }
        }

        var created = h.EffectiveTime is { } ts && CdaTime.ToFhir(ts) is { } at
            ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)
            : DateTimeOffset.MinValue;
        var birth = p.BirthTime[..4] + "-" + p.BirthTime[4..6] + "-" + p.BirthTime[6..8];
        return new LaboratoryDocumentFacts(kind, h.IdRoot, h.IdExtension, localUid, h.IdExtension, h.SetIdRoot, h.SetIdExtension, h.Version,
            h.Custodian.Oid, h.Author.Organization?.DepartmentOid, created,
            new SemdPatientFacts(p.Snils, p.Name.Family, p.Name.Given, p.Name.Patronymic, birth, p.Gender.Code), signers, signatures);
    }
}
