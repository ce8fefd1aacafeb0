namespace EgiszBus.Adapters.Mis;

/// <summary>
/// A referral to medical-social expertise (form 088/у, SEMD kind 121) as the MIS JSON format gives it
/// (<c>Schemas/mis/msereferral.schema.json</c>). Codings of directories the hub holds no FNSI snapshot of carry code, display and version.
/// </summary>
/// <param name="DocumentNumber">Document number (unique within the MIS).</param>
/// <param name="DocumentDate">Date and time of the referral, local time of the organisation (<c>yyyy-MM-ddTHH:mm</c>).</param>
/// <param name="OrganizationOid">FRMO OID of the referring organisation (must be in the regional profile).</param>
/// <param name="Patient">The patient.</param>
/// <param name="Author">The doctor who signs the referral (chair of the medical commission).</param>
/// <param name="CommissionProtocol">Number and date of the medical commission protocol.</param>
/// <param name="Primary">True for a first referral, false for a repeated one.</param>
/// <param name="Purposes">Purposes of the referral, FNSI 1.2.643.5.1.13.13.99.2.147 (at least one).</param>
/// <param name="Order">Citizenship category, FNSI 1.2.643.5.1.13.13.99.2.315 «Категории гражданства» (the 121 rules put it in SCOPORG).</param>
/// <param name="Category">Relation to military duty, FNSI 1.2.643.5.1.13.13.99.2.314 «Отношение к воинской обязанности».</param>
/// <param name="AtHome">The expertise must be held at home.</param>
/// <param name="PalliativeCare">The patient needs palliative care.</param>
/// <param name="PrimaryProsthetics">The patient needs primary prosthetics (field 7012 of 1.2.643.5.1.13.13.99.2.166). Whether the
/// expertise is held in person or in absentia is <see cref="PatientConsent.Form"/> (1.2.643.5.1.13.13.99.2.970).</param>
/// <param name="Bureau">The bureau of medical-social expertise.</param>
/// <param name="Work">Work, position and conditions (text).</param>
/// <param name="Education">Education (text).</param>
/// <param name="DiseaseHistory">Anamnesis of the disease.</param>
/// <param name="LifeHistory">Anamnesis of life.</param>
/// <param name="Vitals">Height, weight, body-mass index.</param>
/// <param name="PhysicalDevelopment">FNSI 1.2.643.5.1.13.13.11.1492 value.</param>
/// <param name="Condition">State of health at referral.</param>
/// <param name="Diagnosis">The main diagnosis.</param>
/// <param name="Scores">Objective assessment of the patient's state (text).</param>
/// <param name="Recommendations">Recommended measures.</param>
/// <param name="Consent">The patient's consent.</param>
public sealed record MseReferralDocument(
    string DocumentNumber,
    string DocumentDate,
    string OrganizationOid,
    MseReferralDocument.Person Patient,
    MseReferralDocument.Doctor Author,
    MseReferralDocument.Protocol CommissionProtocol,
    bool Primary,
    IReadOnlyList<MisCoding> Purposes,
    MisCoding Order,
    MisCoding Category,
    bool AtHome,
    bool PalliativeCare,
    bool PrimaryProsthetics,
    MseReferralDocument.ExpertiseBureau Bureau,
    string Work,
    string Education,
    string DiseaseHistory,
    string LifeHistory,
    MseReferralDocument.VitalSigns Vitals,
    MisCoding PhysicalDevelopment,
    string Condition,
    MseReferralDocument.MainDiagnosis Diagnosis,
    string Scores,
    MseReferralDocument.Recommended Recommendations,
    MseReferralDocument.PatientConsent Consent)
{
    /// <summary>The patient.</summary>
    /// <param name="Snils">SNILS (checksum checked).</param>
    /// <param name="Family">Surname.</param>
    /// <param name="Given">First name.</param>
    /// <param name="Patronymic">Patronymic, or null.</param>
    /// <param name="BirthDate">Birth date, <c>yyyy-MM-dd</c>.</param>
    /// <param name="Gender"><c>male</c> or <c>female</c>.</param>
    /// <param name="OmsPolicy">OMS policy number (unified form), or null.</param>
    /// <param name="Phone">Phone.</param>
    /// <param name="Passport">Identity document (passport of a citizen of Russia).</param>
    public sealed record Person(string Snils, string Family, string Given, string? Patronymic, string BirthDate, string Gender, string? OmsPolicy,
        string Phone, IdentityDocument Passport)
    {
        /// <inheritdoc />
        public override string ToString() => "Person { *** }";
    }

    /// <summary>Passport: series, number, issuing authority, its division code, issue date (<c>yyyy-MM-dd</c>).</summary>
    /// <param name="Series">Series.</param>
    /// <param name="Number">Number.</param>
    /// <param name="IssuedBy">Issuing authority.</param>
    /// <param name="IssuerCode">Division code.</param>
    /// <param name="IssueDate">Issue date.</param>
    public sealed record IdentityDocument(string Series, string Number, string IssuedBy, string IssuerCode, string IssueDate)
    {
        /// <inheritdoc />
        public override string ToString() => "IdentityDocument { *** }";
    }

    /// <summary>The signing doctor.</summary>
    /// <param name="Snils">SNILS.</param>
    /// <param name="Family">Surname.</param>
    /// <param name="Given">First name.</param>
    /// <param name="Patronymic">Patronymic, or null.</param>
    /// <param name="PositionCode">FNSI 1.2.643.5.1.13.13.11.1002 position code.</param>
    public sealed record Doctor(string Snils, string Family, string Given, string? Patronymic, string PositionCode)
    {
        /// <inheritdoc />
        public override string ToString() => $"Doctor {{ *** PositionCode = {PositionCode} }}";
    }

    /// <summary>The medical commission protocol.</summary>
    /// <param name="Number">Protocol number.</param>
    /// <param name="Date">Protocol date, <c>yyyy-MM-dd</c>.</param>
    public sealed record Protocol(string Number, string Date);

    /// <summary>The bureau of medical-social expertise.</summary>
    /// <param name="Oid">Bureau OID.</param>
    /// <param name="Ogrn">OGRN, 13 digits.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Type">Where the citizen is, FNSI 1.2.643.5.1.13.13.99.2.856 «Местонахождение граждан для медико-социальной экспертизы».</param>
    /// <param name="Address">Address: text, postal code, FIAS ids (the region is the organisation's).</param>
    public sealed record ExpertiseBureau(string Oid, string Ogrn, string Name, MisCoding Type, PostalAddress Address);

    /// <summary>An address without region (taken from the organisation's profile).</summary>
    /// <param name="Text">Address as text.</param>
    /// <param name="PostalCode">Postal code.</param>
    /// <param name="AoGuid">FIAS address object GUID.</param>
    /// <param name="HouseGuid">FIAS house GUID.</param>
    public sealed record PostalAddress(string Text, string PostalCode, string AoGuid, string HouseGuid);

    /// <summary>Vital signs measured at referral.</summary>
    /// <param name="Date">Measurement time, <c>yyyy-MM-ddTHH:mm</c>.</param>
    /// <param name="Height">Height, cm.</param>
    /// <param name="Weight">Weight, kg.</param>
    /// <param name="BodyMassIndex">Body-mass index, kg/m².</param>
    public sealed record VitalSigns(string Date, decimal Height, decimal Weight, decimal BodyMassIndex);

    /// <summary>The main diagnosis.</summary>
    /// <param name="Icd10">ICD-10 code (FNSI 1.2.643.5.1.13.13.11.1005).</param>
    /// <param name="Text">Wording of the diagnosis.</param>
    /// <param name="Status">FNSI 1.2.643.5.1.13.13.11.1077 «Виды нозологических единиц диагноза» value (e.g. main disease).</param>
    /// <param name="Character">FNSI 1.2.643.5.1.13.13.99.2.795 «Степень обоснованности диагноза» value (e.g. staged clinical diagnosis).</param>
    public sealed record MainDiagnosis(string Icd10, string Text, MisCoding Status, MisCoding Character);

    /// <summary>Recommended measures (texts).</summary>
    /// <param name="Rehabilitation">Medical rehabilitation (field 4114, section RECOTHER).</param>
    /// <param name="ReconstructiveSurgery">Reconstructive surgery (field 4111, section RECTREAT).</param>
    /// <param name="Prosthetics">Prosthetics, orthotics and technical means of rehabilitation (field 4112, RECTREAT).</param>
    /// <param name="SpaTreatment">Spa treatment (field 4113, RECTREAT).</param>
    /// <param name="MedicalDevices">Medical devices recommended (field 12132, RECTREAT).</param>
    /// <param name="Other">Other recommendations (narrative of RECOTHER).</param>
    public sealed record Recommended(string Rehabilitation, string ReconstructiveSurgery, string Prosthetics, string SpaTreatment, string MedicalDevices, string Other);

    /// <summary>The patient's consent.</summary>
    /// <param name="Date">Date of consent, <c>yyyy-MM-dd</c>.</param>
    /// <param name="Form">FNSI 1.2.643.5.1.13.13.99.2.970 value.</param>
    /// <param name="Notifications">FNSI 1.2.643.5.1.13.13.99.2.991 values (1 to 3).</param>
    public sealed record PatientConsent(string Date, MisCoding Form, IReadOnlyList<MisCoding> Notifications);
}
