using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Builds the FHIR R4 document Bundle of a <see cref="CdaHeader"/> (profile <c>Schemas/fhir/laboratory-186.md</c>, header part).</summary>
internal sealed class CdaHeaderToFhir
{
    public const string IdentityDocumentSystem = "https://fhir.ru/ig/core/systems/identity-document";
    public const string OmsSystem = "https://fhir.ru/ig/core/systems/oms";
    public const string IdentityDocumentTypeSystem = "1.2.643.5.1.13.13.99.2.48";
    public const string DataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private readonly Bundle bundle = new() { Type = Bundle.BundleType.Document };
    private readonly Dictionary<string, string> organizations = new(StringComparer.Ordinal);
    private readonly string seed;
    private readonly NsiCatalog? nsi;

    private CdaHeaderToFhir(string seed, NsiCatalog? nsi)
    {
        this.seed = seed;
        this.nsi = nsi;
    }

    public static Bundle Build(CdaHeader h, IReadOnlyList<CdaSection> sections, string? kind, NsiCatalog? nsi) =>
        new CdaHeaderToFhir(h.IdRoot + "/" + h.IdExtension, nsi).Run(h, sections, kind);

    private Bundle Run(CdaHeader h, IReadOnlyList<CdaSection> sections, string? kind)
    {
        bundle.Id = NameBasedUuid.ForDocument(h.IdRoot, h.IdExtension).ToString();
        bundle.Identifier = new Identifier("urn:oid:" + h.IdRoot, h.IdExtension);
        var composition = new Composition
        {
            Id = Uuid("composition").ToString(),
            Meta = new Meta { VersionId = h.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(),
            Title = h.Title,
            Language = "ru-RU",
            Identifier = new Identifier("urn:oid:" + h.SetIdRoot, h.SetIdExtension),
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + composition.Id, Resource = composition });
        composition.Type.Coding.Add(Coding(h.Code));
        composition.Type.Coding.AddRange(h.Translations.Select(Coding));
        if (h.Code.System == SemdKinds.DocTypeSystem && kind is not null)
        {
            var entry = nsi?.Find(SemdKinds.KindSystem, kind);
            composition.Type.Coding.Add(new Coding("urn:oid:" + SemdKinds.KindSystem, kind, entry?.Display) { Version = entry?.Version });
        }

        composition.Meta.Security.Add(Coding(h.Confidentiality));
        if (Enum.TryParse<Composition.V3ConfidentialityClassification>(h.Confidentiality.Code, out var confidentiality))
        {
            composition.Confidentiality = confidentiality;
        }

        composition.DateElement = Time<FhirDateTime>(h.EffectiveTime, "not-applicable");
        if (h.EffectiveTime is not null)
        {
            bundle.Timestamp = DateTimeOffset.Parse(CdaTime.ToFhir(h.EffectiveTime)!, System.Globalization.CultureInfo.InvariantCulture);
        }

        composition.Subject = Ref(Patient(h.Patient));
        composition.Author.Add(Ref(Staff(h.Author, "author")));
        composition.Custodian = Ref(Organization(h.Custodian, department: false));
        composition.Attester.Add(new Composition.AttesterComponent
        {
            Mode = Composition.CompositionAttestationMode.Legal,
            TimeElement = Time<FhirDateTime>(h.LegalTime, "unknown"),
            Party = Ref(Staff(h.LegalAuthenticator, "legal")),
        });
        if (h.ServiceEvent is { } e)
        {
            var ev = new Composition.EventComponent { Period = Period(e.Low, e.High) };
            if (e.Code is not null)
            {
                ev.Code.Add(new CodeableConcept { Coding = [Coding(e.Code)] });
            }

            for (var i = 0; i < e.Performers.Count; i++)
            {
                ev.Detail.Add(Ref(Staff(e.Performers[i].Staff, "performer" + i)));
            }

            composition.Event.Add(ev);
        }

        if (h.Encounter is { } enc)
        {
            var encounter = new Encounter
            {
                Id = Uuid("encounter").ToString(),
                Status = Encounter.EncounterStatus.Finished,
                Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
                Identifier = enc.Ids.Select(i => new Identifier("urn:oid:" + i.Root, i.Extension)).ToList(),
                Period = Period(enc.Low, enc.High),
                Subject = composition.Subject,
            };
            if (enc.Code is not null)
            {
                encounter.Type.Add(new CodeableConcept { Coding = [Coding(enc.Code)] });
            }

            composition.Encounter = Ref(Add(encounter));
        }

        composition.Section.AddRange(sections.Select(Section));
        return bundle;
    }

    private Composition.SectionComponent Section(CdaSection s)
    {
        var section = new Composition.SectionComponent
        {
            Title = s.Title,
            Code = new CodeableConcept { Coding = [Coding(s.Code)] },
            Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = CdaNarrative.ToXhtml(s.Text) },
        };
        section.Section.AddRange(s.Sections.Select(Section));
        return section;
    }

    private string Patient(CdaPatient p)
    {
        var patient = new Patient { Id = Uuid("patient").ToString() };
        if (p.LocalIdRoot is not null)
        {
            patient.Identifier.Add(new Identifier("urn:oid:" + p.LocalIdRoot, p.LocalId));
        }

        if (p.Snils is not null)
        {
            patient.Identifier.Add(new Identifier(LaboratoryFhirToSemdTranslator.SnilsSystem, p.Snils));
        }

        if (p.IdentityDocument is { } doc)
        {
            var identifier = new Identifier(IdentityDocumentSystem, Join(doc.Series, doc.Number))
            {
                Type = new CodeableConcept { Coding = [Coding(doc.Type)] },
            };
            if (doc.IssueOrgName is not null || doc.IssueOrgCode is not null)
            {
                identifier.Assigner = new ResourceReference { Display = doc.IssueOrgName };
                if (doc.IssueOrgCode is not null)
                {
                    identifier.Assigner.Identifier = new Identifier("https://fhir.ru/ig/core/systems/ns-division-code", doc.IssueOrgCode);
                }
            }

            if (doc.IssueDate is not null && CdaTime.ToFhir(doc.IssueDate) is { } issued)
            {
                identifier.Period = new Period { Start = issued };
            }

            patient.Identifier.Add(identifier);
        }

        if (p.Policy is { } policy)
        {
            patient.Identifier.Add(new Identifier(OmsSystem, Join(policy.Series, policy.Number)) { Type = new CodeableConcept { Coding = [Coding(policy.Type)] } });
        }

        if (p.Name is not null)
        {
            patient.Name.Add(Name(p.Name));
        }

        if (p.Gender is not null)
        {
            patient.Gender = p.Gender.Code switch { "1" => AdministrativeGender.Male, "2" => AdministrativeGender.Female, _ => AdministrativeGender.Unknown };
        }

        if (p.BirthTime is not null)
        {
            patient.BirthDate = CdaTime.ToFhir(p.BirthTime[..8]);
        }

        patient.Address.AddRange(p.Addresses.Select(Address));
        patient.Telecom.AddRange(p.Telecoms.Select(Telecom));
        if (p.Provider is not null)
        {
            patient.ManagingOrganization = Ref(Organization(p.Provider, department: true));
        }

        return Add(patient);
    }

    private string Staff(CdaStaff s, string label)
    {
        var practitioner = new Practitioner { Id = Uuid(label + "/practitioner").ToString() };
        if (s.LocalIdRoot is not null)
        {
            practitioner.Identifier.Add(new Identifier("urn:oid:" + s.LocalIdRoot, s.LocalId));
        }

        if (s.Snils is not null)
        {
            practitioner.Identifier.Add(new Identifier(LaboratoryFhirToSemdTranslator.SnilsSystem, s.Snils));
        }

        if (s.Name is not null)
        {
            practitioner.Name.Add(Name(s.Name));
        }

        if (s.Address is not null)
        {
            practitioner.Address.Add(Address(s.Address));
        }

        var role = new PractitionerRole { Id = Uuid(label + "/role").ToString(), Practitioner = Ref(Add(practitioner)) };
        if (s.Position is not null)
        {
            role.Code.Add(new CodeableConcept { Coding = [Coding(s.Position)] });
        }

        role.Telecom.AddRange(s.Telecoms.Select(Telecom));
        if (s.Organization is not null)
        {
            role.Organization = Ref(Organization(s.Organization, department: true));
        }

        return Add(role);
    }

    /// <summary>One Organization per FRMO OID (facts merged), one per department OID with <c>partOf</c>.</summary>
    private string Organization(CdaOrganization o, bool department)
    {
        if (!organizations.TryGetValue(o.Oid, out var url))
        {
            var created = new Organization { Id = Uuid("organization/" + o.Oid).ToString() };
            created.Identifier.Add(new Identifier("urn:ietf:rfc:3986", "urn:oid:" + o.Oid));
            url = Add(created);
            organizations[o.Oid] = url;
        }

        var organization = (Organization)bundle.Entry.First(e => e.FullUrl == url).Resource!;
        organization.Name ??= o.Name;
        if (o.Ogrn is not null && !organization.Identifier.Any(i => i.System == LaboratoryFhirToSemdTranslator.OgrnSystem))
        {
            organization.Identifier.Add(new Identifier(LaboratoryFhirToSemdTranslator.OgrnSystem, o.Ogrn));
        }

        foreach (var t in o.Telecoms.Select(Telecom).Where(t => !organization.Telecom.Any(x => x.Value == t.Value)))
        {
            organization.Telecom.Add(t);
        }

        if (organization.Address.Count == 0 && o.Address is not null)
        {
            organization.Address.Add(Address(o.Address));
        }

        if (!department || o.DepartmentOid is null)
        {
            return url;
        }

        var key = o.Oid + "/" + o.DepartmentOid;
        if (!organizations.TryGetValue(key, out var departmentUrl))
        {
            var unit = new Organization { Id = Uuid("organization/" + key).ToString(), PartOf = Ref(url) };
            unit.Identifier.Add(new Identifier("urn:ietf:rfc:3986", "urn:oid:" + o.DepartmentOid));
            departmentUrl = Add(unit);
            organizations[key] = departmentUrl;
        }

        return departmentUrl;
    }

    private static HumanName Name(CdaName n)
    {
        var name = new HumanName { Use = HumanName.NameUse.Official, Family = n.Family };
        name.GivenElement.Add(new FhirString(n.Given));
        if (n.Patronymic is not null)
        {
            name.GivenElement.Add(new FhirString(n.Patronymic));
        }

        return name;
    }

    private static Address Address(CdaAddress a)
    {
        var address = new Address { Text = a.Text, PostalCode = a.PostalCode };
        if (a.Type is not null)
        {
            address.Extension.Add(new Extension(LaboratoryFhirToSemdTranslator.AddressTypeExtension, new CodeableConcept { Coding = [Coding(a.Type)] }));
        }

        if (a.Region is not null)
        {
            address.Extension.Add(new Extension(LaboratoryFhirToSemdTranslator.RegionExtension, new CodeableConcept { Coding = [Coding(a.Region)] }));
        }

        if (a.AoGuid is not null)
        {
            var fias = new Extension { Url = LaboratoryFhirToSemdTranslator.FiasExtension };
            fias.Extension.Add(new Extension("aoguid", new Identifier("urn:hl7-ru:fias:aoguid", a.AoGuid)));
            if (a.HouseGuid is not null)
            {
                fias.Extension.Add(new Extension("houseguid", new Identifier("urn:hl7-ru:fias:houseguid", a.HouseGuid)));
            }

            address.Extension.Add(fias);
        }

        return address;
    }

    private static ContactPoint Telecom(CdaTelecom t)
    {
        var (system, value) = t.Value switch
        {
            var v when v.StartsWith("tel:", StringComparison.Ordinal) => (ContactPoint.ContactPointSystem.Phone, v[4..]),
            var v when v.StartsWith("mailto:", StringComparison.Ordinal) => (ContactPoint.ContactPointSystem.Email, v[7..]),
            var v when v.StartsWith("fax:", StringComparison.Ordinal) => (ContactPoint.ContactPointSystem.Fax, v[4..]),
            var v => (ContactPoint.ContactPointSystem.Url, v),
        };
        var use = t.Use switch
        {
            "WP" => ContactPoint.ContactPointUse.Work,
            "HP" or "H" => ContactPoint.ContactPointUse.Home,
            "MC" => ContactPoint.ContactPointUse.Mobile,
            _ => (ContactPoint.ContactPointUse?)null,
        };
        return new ContactPoint(system, use, value);
    }

    internal static Coding Coding(CdaCode c) => new("urn:oid:" + c.System, c.Code, c.Display) { Version = c.Version };

    private static Period? Period(string? low, string? high) =>
        low is null && high is null ? null : new Period { Start = low is null ? null : CdaTime.ToFhir(low), End = high is null ? null : CdaTime.ToFhir(high) };

    private static T Time<T>(string? ts, string absentReason)
        where T : PrimitiveType, new()
    {
        var value = new T();
        if (ts is not null)
        {
            value.JsonValue = CdaTime.ToFhir(ts);
        }
        else
        {
            value.Extension.Add(new Extension(DataAbsentReason, new Code(absentReason)));
        }

        return value;
    }

    private static string Join(string? series, string number) => string.IsNullOrEmpty(series) ? number : series + " " + number;

    private Guid Uuid(string label) => NameBasedUuid.Create(NameBasedUuid.OidNamespace, seed + "#" + label);

    private string Add(Resource resource)
    {
        var url = "urn:uuid:" + resource.Id;
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
        return url;
    }

    private static ResourceReference Ref(string url) => new(url);
}
