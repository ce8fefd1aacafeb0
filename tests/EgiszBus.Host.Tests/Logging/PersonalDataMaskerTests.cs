using EgiszBus.Host.Logging;

namespace EgiszBus.Host.Tests.Logging;

[TestClass]
public sealed class PersonalDataMaskerTests
{
    [TestMethod]
    [DataRow("СНИЛС пациента 456-789-012 38.", "456-789-012 38")]
    [DataRow("snils=567-890-123-43", "567-890-123-43")]
    [DataRow("signer 345 678 901 23 signed", "345 678 901 23")]
    [DataRow("checked 67890123438 today", "67890123438")]
    [DataRow("value 11223344595", "11223344595")]
    [DataRow("СНИЛС: 11223344596", "11223344596")]
    [DataRow("1.2.643.100.3 = 11223344596", "11223344596")]
    [DataRow("ЕНП 7755660011223344", "7755660011223344")]
    [DataRow("policy: 123456789", "123456789")]
    [DataRow("born 1975-11-02", "1975-11-02")]
    [DataRow("дата рождения: 21.07.1992", "21.07.1992")]
    [DataRow("Пациент Смирнов Алексей Николаевич не найден", "Смирнов")]
    [DataRow("подписал Кузнецов О. И.", "Кузнецов")]
    [DataRow("врач: Сидорова Анна", "Сидорова")]
    [DataRow("PatientFacts { Snils = 45678901238, Family = Петрова, Given = Елена }", "Петрова")]
    [DataRow("{\"family\":\"Васильев\",\"given\":\"Дмитрий\"}", "Васильев")]
    [DataRow("Host=127.0.0.1;Username=egb;Password=s3cr3t;Database=bus", "s3cr3t")]
    public void GivenTextWithPersonalData_WhenMasked_ThenTheDatumIsGone(string text, string datum)
    {
        var masked = PersonalDataMasker.MaskText(text);

        Assert.DoesNotContain(datum, masked, masked);
        Assert.Contains(PersonalDataMasker.Mask, masked);
    }

    [TestMethod]
    [DataRow("document 3f2504e0-4f89-11d3-9a0c-030512345678 accepted")]
    [DataRow("id 12345678-1234-1234-1234-123456789012")]
    [DataRow("organisation 1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51")]
    [DataRow("OID 1.2.643.5.1.13.13.12.2.77.7973.0.224589 department")]
    [DataRow("sent 5000 documents in 12 s")]
    [DataRow("at 2026-11-25T11:22:40Z, created 1980-03-15")]
    [DataRow("bare wrong-checksum 11223344596")]
    [DataRow("order 20261125-000123 and OGRN 1027700000001")]
    [DataRow("thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9012345678")]
    [DataRow("врач клинической лабораторной диагностики")]
    [DataRow("Клинико-диагностическая лаборатория")]
    public void GivenTextWithoutPersonalData_WhenMasked_ThenItIsUnchanged(string text)
    {
        Assert.AreEqual(text, PersonalDataMasker.MaskText(text));
    }

    [TestMethod]
    [DataRow("23456789099", true)]
    [DataRow("234-567-890 99", true)]
    [DataRow("112-233-445 95", true)]
    [DataRow("112-233-445 96", false)]
    [DataRow("1234567890", false)]
    public void GivenSnils_WhenChecksumChecked_ThenValidityIsReported(string snils, bool valid)
    {
        Assert.AreEqual(valid, PersonalDataMasker.IsValidSnils(snils));
    }

    [TestMethod]
    [DataRow("Snils", false, true)]
    [DataRow("patient_snils", false, true)]
    [DataRow("BirthDate", false, true)]
    [DataRow("birth_date", false, true)]
    [DataRow("LastName", false, true)]
    [DataRow("Patronymic", false, true)]
    [DataRow("ENP", false, true)]
    [DataRow("PatientName", false, true)]
    [DataRow("Phone", false, true)]
    [DataRow("Address", false, false)] // ASP.NET's "Now listening on: {address}"; personal only inside a person
    [DataRow("Address", true, true)]
    [DataRow("PatientAddress", false, true)]
    [DataRow("Name", true, true)]
    [DataRow("Name", false, false)]
    [DataRow("QueueName", false, false)]
    [DataRow("RemoteAddress", false, false)]
    [DataRow("DocumentId", false, false)]
    [DataRow("Count", true, false)]
    public void GivenPropertyName_WhenChecked_ThenPersonalNamesAreRecognised(string name, bool insidePerson, bool personal)
    {
        Assert.AreEqual(personal, PersonalDataMasker.IsPersonalPropertyName(name, insidePerson));
    }
}
