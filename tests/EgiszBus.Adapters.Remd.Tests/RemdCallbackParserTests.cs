using System.Text;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Remd.Tests;

[TestClass]
public sealed class RemdCallbackParserTests
{
    private static string Sample(string name) => Path.Combine(RepositoryPaths.SharedData, "remd", "samples", name);

    [TestMethod]
    [DataRow("registerDocumentResult-success.xml", "MSG-001", null, true, "EMDR-9", "2024-01-15T10:00:00Z", 0)]
    [DataRow("registerDocumentResult-success-localUid.xml", "MSG-LU", "XML-UID-1", true, null, null, 0)]
    [DataRow("registerDocumentResult-success-registrationDateTime.xml", "MSG-RDT", null, true, null, "2024-06-02T12:00:00Z", 0)]
    [DataRow("registerDocumentResult-success-creationDateTime.xml", "MSG-CRE", null, true, null, null, 0)]
    [DataRow("registerDocumentResult-error.xml", "MSG-002", null, false, null, null, 2)]
    [DataRow("registerDocumentResult-error-with-kind.xml", "ID-5", null, false, null, null, 1)]
    [DataRow("registerDocumentResult-bare-relatesToMessage-only.xml", "550e8400-e29b-41d4-a716-446655440000", null, false, null, null, 0)]
    public async Task GivenSharedSample_WhenParsing_ThenFieldsRead(string file, string relatesTo, string? localUid, bool success, string? emdrId, string? registered, int errorCount)
    {
        await using var stream = File.OpenRead(Sample(file));

        var callback = await RemdCallbackParser.ParseAsync(stream);

        Assert.AreEqual(relatesTo, callback.RelatesToMessageId);
        Assert.AreEqual(localUid, callback.LocalUid);
        Assert.AreEqual(success, callback.Success);
        Assert.AreEqual(emdrId, callback.EmdrId);
        Assert.AreEqual(registered is null ? null : DateTimeOffset.Parse(registered, System.Globalization.CultureInfo.InvariantCulture), callback.RegistrationDateTime);
        Assert.AreEqual(errorCount, callback.Errors.Count);
    }

    [TestMethod]
    public void GivenEveryFileInSamplesFolder_WhenParsingCallbacks_ThenOnlyTheSearchRequestIsRefused()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.SharedData, "remd", "samples"), "*.xml"))
        {
            if (Path.GetFileName(file).StartsWith("registerDocumentResult", StringComparison.Ordinal))
            {
                Assert.IsNotNull(RemdCallbackParser.Parse(File.ReadAllBytes(file)), file);
            }
            else
            {
                var exception = Assert.ThrowsExactly<RemdCallbackFormatException>(() => RemdCallbackParser.Parse(File.ReadAllBytes(file)));
                Assert.AreEqual("REMD-CB-003", exception.Code, file);
            }
        }
    }

    [TestMethod]
    public void GivenErrorSample_WhenParsing_ThenCodesAndMessagesInOrder()
    {
        var callback = RemdCallbackParser.Parse(File.ReadAllBytes(Sample("registerDocumentResult-error.xml")));

        CollectionAssert.AreEqual(new[] { new RemdError("E1", "Bad"), new RemdError("E2", "Worse") }, callback.Errors.ToArray());
    }

    [TestMethod]
    public void GivenNoNamespaceSoap12WithRelatesToHeader_WhenParsing_ThenRelatesToFromHeader()
    {
        const string xml = """
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">
              <s:Header><a:RelatesTo>urn:uuid:0b6f5b1c-8d1e-4c55-9a1c-2f1f7c1d7e01</a:RelatesTo></s:Header>
              <s:Body><registerDocumentResult><status>success</status><registryItem><emdrId>16.62.23.09.000014523</emdrId><registrationDateTime>2024-09-02T10:20:00+03:00</registrationDateTime></registryItem></registerDocumentResult></s:Body>
            </s:Envelope>
            """;

        var callback = RemdCallbackParser.Parse(Encoding.UTF8.GetBytes(xml));

        Assert.AreEqual("urn:uuid:0b6f5b1c-8d1e-4c55-9a1c-2f1f7c1d7e01", callback.RelatesToMessageId);
        Assert.IsTrue(callback.Success);
        Assert.AreEqual("16.62.23.09.000014523", callback.EmdrId);
        Assert.AreEqual(new DateTimeOffset(2024, 9, 2, 7, 20, 0, TimeSpan.Zero), callback.RegistrationDateTime);
    }

    [TestMethod]
    [DataRow("<registerDocumentResult><relatesToMessage>x</relatesToMessage>", "REMD-CB-001", 1, DisplayName = "not closed")]
    [DataRow("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<registerDocumentResult><relatesToMessage>&x;</relatesToMessage></registerDocumentResult>", "REMD-CB-001", 1, DisplayName = "DTD")]
    [DataRow("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">\n<s:Body>\n<somethingElse/></s:Body></s:Envelope>", "REMD-CB-003", 3, DisplayName = "wrong payload")]
    [DataRow("<registerDocumentResult>\n<status>success</status></registerDocumentResult>", "REMD-CB-004", 1, DisplayName = "no correlation")]
    [DataRow("<registerDocumentResult><relatesToMessage>x</relatesToMessage>\n<status>maybe</status></registerDocumentResult>", "REMD-CB-005", 2, DisplayName = "bad status")]
    [DataRow("<registerDocumentResult><relatesToMessage>x</relatesToMessage><status>success</status>\n<registryItem>\n<registrationDateTime>yesterday</registrationDateTime></registryItem></registerDocumentResult>", "REMD-CB-006", 3, DisplayName = "bad date")]
    [DataRow("<registerDocumentResult><relatesToMessage>x</relatesToMessage><status>error</status><errors>\n<item><message>m</message></item></errors></registerDocumentResult>", "REMD-CB-007", 2, DisplayName = "error without code")]
    public void GivenMalformedCallback_WhenParsing_ThenCodedExceptionWithLine(string xml, string code, int line)
    {
        var exception = Assert.ThrowsExactly<RemdCallbackFormatException>(() => RemdCallbackParser.Parse(Encoding.UTF8.GetBytes(xml)));

        Assert.AreEqual(code, exception.Code);
        Assert.AreEqual(line, exception.Line);
        Assert.IsTrue(exception.Position > 0);
    }

    [TestMethod]
    public async Task GivenOversizedStream_WhenParsing_ThenTooLarge()
    {
        var bytes = new byte[RemdCallbackParser.MaxBytes + 1];
        bytes.AsSpan().Fill((byte)' ');

        var exception = await Assert.ThrowsExactlyAsync<RemdCallbackFormatException>(() => RemdCallbackParser.ParseAsync(new MemoryStream(bytes)));

        Assert.AreEqual("REMD-CB-002", exception.Code);
    }

    [TestMethod]
    [DataRow(true, DisplayName = "success")]
    [DataRow(false, DisplayName = "error")]
    public void GivenCallback_WhenWrittenAndParsed_ThenRoundTrips(bool success)
    {
        var original = success
            ? new RemdCallback("urn:uuid:5d8e2f7a-1b3c-4d5e-8f90-a1b2c3d4e5f6", "6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", true, "16.62.23.09.000014523",
                new DateTimeOffset(2024, 9, 2, 10, 20, 30, 123, TimeSpan.FromHours(3)), [])
            : new RemdCallback("urn:uuid:5d8e2f7a-1b3c-4d5e-8f90-a1b2c3d4e5f6", null, false, null, null,
                [new RemdError("PATIENT_MPI_MISMATCH", "Данные пациента отличаются"), new RemdError("OBJECT_NOT_FOUND", "Не найдена запись справочника")]);

        var parsed = RemdCallbackParser.Parse(RemdCallbackWriter.Write(original, "urn:uuid:" + Guid.NewGuid(), new Uri("http://127.0.0.1/cb")));

        Assert.AreEqual(original.RelatesToMessageId, parsed.RelatesToMessageId);
        Assert.AreEqual(original.LocalUid, parsed.LocalUid);
        Assert.AreEqual(original.Success, parsed.Success);
        Assert.AreEqual(original.EmdrId, parsed.EmdrId);
        Assert.AreEqual(original.RegistrationDateTime, parsed.RegistrationDateTime);
        CollectionAssert.AreEqual(original.Errors.ToArray(), parsed.Errors.ToArray());
    }

    [TestMethod]
    public void GivenCallbackMessageId_WhenAcknowledging_ThenSoap12WithRelatesTo()
    {
        var ack = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(RemdCallbackAcknowledgement.Write("urn:uuid:abc")));

        Assert.AreEqual(RemdNamespaces.Soap12, ack.Root!.Name.NamespaceName);
        Assert.AreEqual("urn:uuid:abc", ack.Descendants(System.Xml.Linq.XName.Get("RelatesTo", RemdNamespaces.Addressing)).Single().Value);
        Assert.AreEqual("success", ack.Descendants(System.Xml.Linq.XName.Get("status", RemdNamespaces.Callback)).Single().Value);
    }
}
