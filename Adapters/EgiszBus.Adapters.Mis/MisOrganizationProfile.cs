namespace EgiszBus.Adapters.Mis;

/// <summary>
/// What the SEMD needs about one medical organisation that its MIS exports do not carry. One entry per FRMO OID in the
/// regional profile (<see cref="MisProfile"/>).
/// </summary>
/// <param name="Oid">FRMO OID of the organisation (the <c>OIDМО</c> column).</param>
/// <param name="Name">Official name (used in the SEMD; the name in the export is informational).</param>
/// <param name="MisRoot">MIS instance root, e.g. <c>1.2.643.5.1.13.13.12.2.77.7973.100.1.1</c> (ids: .51 document, .50 version set,
/// .10 patient, .70 staff, .66 specimen, .67 device).</param>
/// <param name="Ogrn">OGRN.</param>
/// <param name="Phone">Phone.</param>
/// <param name="UtcOffset">Offset of the organisation's local time, e.g. <c>+03:00</c>; export dates are local time.</param>
/// <param name="Address">The organisation's address.</param>
/// <param name="Department">The laboratory department the doctors work in.</param>
/// <param name="DefaultPatientAddress">Patient address used because the exports carry none and SEMD 186 requires one.</param>
/// <param name="SpecimenType">Specimen type, FNSI 1.2.643.5.1.13.13.99.2.1019 (e.g. 2 «Кровь венозная»).</param>
/// <param name="Analyser">The analyser.</param>
public sealed record MisOrganizationProfile(
    string Oid,
    string Name,
    string MisRoot,
    string Ogrn,
    string Phone,
    TimeSpan UtcOffset,
    MisAddress Address,
    MisDepartment Department,
    MisAddress DefaultPatientAddress,
    MisCoding SpecimenType,
    MisAnalyser Analyser);
