using System.Text;

namespace EgiszBus.Adapters.Remd.Tests;

/// <summary>Registration requests with the fixed sample identities.</summary>
public static class RemdSamples
{
    public const string OrganizationOid = "1.2.643.5.1.13.13.12.2.77.7973";
    public const string DepartmentOid = "1.2.643.5.1.13.13.12.2.77.7973.0.224589";
    public const string ClientEntityId = "7c0f3b4e-2d7a-4f6e-9a51-3c1e8b2d9f10";

    /// <summary>Position 35 of FNSI 1.2.643.5.1.13.13.11.1002: «Врач клинической лабораторной диагностики».</summary>
    public const string LabDoctorPosition = "35";

    public static RemdPatient Smirnov { get; } = new("456-789-012 38", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1");

    public static RemdPatient Petrova { get; } = new("567-890-123 43", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2");

    public static RemdSigner Sidorova { get; } = new("DOCTOR", "234-567-890 99", LabDoctorPosition, "Врач клинической лабораторной диагностики", [0x30, 0x82, 0x01, 0x02])
    {
        DepartmentOid = DepartmentOid,
    };

    public static byte[] Document(string localUid) =>
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=\"1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51\" extension=\"{localUid}\"/></ClinicalDocument>");

    public static RemdRegistrationRequest Request(string? localUid = null, RemdPatient? patient = null, string kind = "186", IReadOnlyList<RemdSigner>? signers = null)
    {
        var uid = localUid ?? Guid.NewGuid().ToString();
        return new RemdRegistrationRequest(uid, "ЛИ-2024-0001", kind, OrganizationOid, DepartmentOid,
            new DateTimeOffset(2024, 9, 2, 10, 15, 0, TimeSpan.FromHours(3)), patient ?? Smirnov, signers ?? [Sidorova], Document(uid));
    }
}
