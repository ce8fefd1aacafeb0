using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd.Tests;

[TestClass]
public sealed class RemdSoapClientWireTests
{
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Ser = RemdNamespaces.Service;
    private static readonly XNamespace Wsa = RemdNamespaces.Addressing;
    private static readonly XNamespace Egisz = RemdNamespaces.Egisz;
    private static readonly HttpClient Http = new();
    private static ScriptedHttpServer server = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => server = await ScriptedHttpServer.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await server.DisposeAsync();

    private static RemdSoapClient Client() => new(Http, new RemdClientOptions
    {
        ServiceUri = server.Uri,
        ClientEntityId = RemdSamples.ClientEntityId,
        CallbackUri = new Uri("http://127.0.0.1:9/remd/callback"),
        Timeout = TimeSpan.FromSeconds(5),
    }, TimeProvider.System);

    private static string Envelope(string ns, string body) =>
        $"<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"{ns}\" xmlns:ser=\"{RemdNamespaces.Service}\"><env:Body>{body}</env:Body></env:Envelope>";

    [TestMethod]
    public async Task GivenRegistrationRequest_WhenSent_ThenSoap12EnvelopeCarriesHeadersAndMetadata()
    {
        server.Status = 200;
        server.Body = Envelope(Soap12, "<ser:registerDocumentResponse><ser:status>success</ser:status></ser:registerDocumentResponse>");
        var request = RemdSamples.Request();

        var result = await Client().RegisterDocumentAsync(request);

        Assert.AreEqual(RemdOutcome.Accepted, result.Outcome);
        StringAssert.StartsWith(server.LastRequestContentType, "application/soap+xml");
        StringAssert.Contains(server.LastRequestContentType, "action=\"registerDocument\"");
        var sent = XDocument.Load(new MemoryStream(server.LastRequestBody!));
        var header = sent.Root!.Element(XName.Get("Header", Soap12))!;
        Assert.AreEqual(RemdSamples.ClientEntityId, header.Element(Egisz + "transportHeader")!.Element(Egisz + "authInfo")!.Element(Egisz + "clientEntityId")!.Value);
        Assert.AreEqual(result.MessageId, header.Element(Wsa + "MessageID")!.Value);
        Assert.AreEqual("registerDocument", header.Element(Wsa + "Action")!.Value);
        Assert.AreEqual(server.Uri.AbsoluteUri, header.Element(Wsa + "To")!.Value);
        Assert.AreEqual("http://127.0.0.1:9/remd/callback", header.Element(Wsa + "ReplyTo")!.Element(Wsa + "Address")!.Value);
        var body = sent.Root!.Element(XName.Get("Body", Soap12))!;
        Assert.AreEqual("body", body.Attribute(XName.Get("Id", RemdNamespaces.SecurityUtility))!.Value);
        var payload = body.Element(Ser + "registerDocumentRequest")!;
        Assert.AreEqual(request.LocalUid, payload.Element(Ser + "localUid")!.Value);
        Assert.AreEqual("186", payload.Element(Ser + "kind")!.Value);
        Assert.AreEqual("2024-09-02T10:15:00+03:00", payload.Element(Ser + "creationDateTime")!.Value);
        Assert.AreEqual(RemdSamples.OrganizationOid, payload.Element(Ser + "organization")!.Value);
        Assert.AreEqual(RemdSamples.DepartmentOid, payload.Element(Ser + "department")!.Value);
        var patient = payload.Element(Ser + "patient")!;
        Assert.AreEqual("45678901238", patient.Element(Ser + "snils")!.Value);
        Assert.AreEqual("Смирнов", patient.Element(Ser + "name")!.Element(Ser + "family")!.Value);
        Assert.AreEqual("Николаевич", patient.Element(Ser + "name")!.Element(Ser + "patronymic")!.Value);
        Assert.AreEqual("1980-03-15", patient.Element(Ser + "birthDate")!.Value);
        Assert.AreEqual("1", patient.Element(Ser + "gender")!.Value);
        var signer = payload.Element(Ser + "signers")!.Element(Ser + "item")!;
        Assert.AreEqual("DOCTOR", signer.Element(Ser + "role")!.Value);
        Assert.AreEqual("23456789099", signer.Element(Ser + "snils")!.Value);
        Assert.AreEqual("35", signer.Element(Ser + "position")!.Value);
        Assert.AreEqual(RemdSamples.DepartmentOid, signer.Element(Ser + "department")!.Value);
        CollectionAssert.AreEqual(RemdSamples.Sidorova.Signature, Convert.FromBase64String(signer.Element(Ser + "signature")!.Value));
        CollectionAssert.AreEqual(request.Document, Convert.FromBase64String(payload.Element(Ser + "document")!.Value));
    }

    [TestMethod]
    [DataRow(200, "<ser:registerDocumentResponse><ser:status>success</ser:status></ser:registerDocumentResponse>", RemdOutcome.Accepted, null, DisplayName = "success")]
    [DataRow(200, "<ser:registerDocumentResponse><ser:status>error</ser:status><ser:errors><ser:item><ser:code>DUPLICATE_REQUEST</ser:code><ser:message>m</ser:message></ser:item></ser:errors></ser:registerDocumentResponse>", RemdOutcome.Rejected, "DUPLICATE_REQUEST", DisplayName = "duplicate request")]
    [DataRow(200, "<ser:registerDocumentResponse><ser:status>error</ser:status><ser:errors><ser:item><ser:code>RATE_LIMIT</ser:code><ser:message>m</ser:message></ser:item></ser:errors></ser:registerDocumentResponse>", RemdOutcome.Retryable, "RATE_LIMIT", DisplayName = "rate limit in errors")]
    [DataRow(500, "<env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text>x</env:Text></env:Reason><env:Detail><ser:errors><ser:item><ser:code>RUNTIME_ERROR</ser:code><ser:message>x</ser:message></ser:item></ser:errors></env:Detail></env:Fault>", RemdOutcome.Retryable, "RUNTIME_ERROR", DisplayName = "fault runtime error")]
    [DataRow(500, "<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text>x</env:Text></env:Reason><env:Detail><ser:errors><ser:item><ser:code>SIGNATURE_VERIFICATION_ERROR</ser:code><ser:message>x</ser:message></ser:item></ser:errors></env:Detail></env:Fault>", RemdOutcome.Rejected, "SIGNATURE_VERIFICATION_ERROR", DisplayName = "fault signature error")]
    [DataRow(500, "<env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text>x</env:Text></env:Reason></env:Fault>", RemdOutcome.Retryable, null, DisplayName = "fault without code")]
    [DataRow(400, "<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text>x</env:Text></env:Reason></env:Fault>", RemdOutcome.Rejected, null, DisplayName = "sender fault without code")]
    [DataRow(200, "<ser:somethingElse/>", RemdOutcome.Retryable, null, DisplayName = "unexpected payload")]
    public async Task GivenSoap12Answer_WhenRegistering_ThenClassified(int status, string body, RemdOutcome expected, string? code)
    {
        server.Status = status;
        server.ContentType = "application/soap+xml; charset=utf-8";
        server.Body = Envelope(Soap12, body);

        var result = await Client().RegisterDocumentAsync(RemdSamples.Request());

        Assert.AreEqual(expected, result.Outcome, result.Detail);
        Assert.AreEqual(code, result.Errors.FirstOrDefault()?.Code);
    }

    [TestMethod]
    public async Task GivenSoap11FaultWithDetailErrors_WhenRegistering_ThenClassifiedByCode()
    {
        server.Status = 500;
        server.ContentType = "text/xml";
        server.Body = Envelope(Soap11, "<env:Fault><faultcode>env:Server</faultcode><faultstring>limit</faultstring><detail><ser:errors><ser:item><ser:code>RATE_LIMIT</ser:code><ser:message>m</ser:message></ser:item></ser:errors></detail></env:Fault>");

        var result = await Client().RegisterDocumentAsync(RemdSamples.Request());

        Assert.AreEqual(RemdOutcome.Retryable, result.Outcome);
        Assert.AreEqual("RATE_LIMIT", result.Errors.Single().Code);
    }

    [TestMethod]
    [DataRow(500, "text/html", "<html><body>Internal Server Error</body></html>", DisplayName = "HTML 500")]
    [DataRow(502, "text/plain", "", DisplayName = "empty 502")]
    [DataRow(429, "text/plain", "slow down", DisplayName = "429")]
    [DataRow(200, "application/soap+xml", "<not-closed>", DisplayName = "malformed 200")]
    [DataRow(200, "application/soap+xml", "<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>", DisplayName = "DTD 200")]
    [DataRow(200, "application/xml", "<x/>", DisplayName = "not an envelope")]
    public async Task GivenNonSoapOrBrokenAnswer_WhenRegistering_ThenRetryableWithDetail(int status, string contentType, string body)
    {
        server.Status = status;
        server.ContentType = contentType;
        server.Body = body;

        var result = await Client().RegisterDocumentAsync(RemdSamples.Request());

        Assert.AreEqual(RemdOutcome.Retryable, result.Outcome);
        Assert.AreEqual(0, result.Errors.Count);
        Assert.IsFalse(string.IsNullOrEmpty(result.Detail));
    }

    [TestMethod]
    public async Task GivenSearchAnswerWithMatch_WhenSearching_ThenFoundWithEmdrIdAndDate()
    {
        server.Status = 200;
        server.ContentType = "application/soap+xml";
        server.Body = Envelope(Soap12, "<ser:searchRegistryItemResponse><ser:status>success</ser:status><ser:matches><ser:item><ser:localUid>u-1</ser:localUid><ser:emdrId>16.62.23.09.000014523</ser:emdrId><ser:registrationDateTime>2024-09-02T10:20:00+03:00</ser:registrationDateTime></ser:item></ser:matches></ser:searchRegistryItemResponse>");

        var result = await Client().SearchRegistryItemAsync("u-1");

        Assert.AreEqual(RemdOutcome.Accepted, result.Outcome);
        Assert.IsTrue(result.Found);
        Assert.AreEqual("16.62.23.09.000014523", result.EmdrId);
        Assert.AreEqual(new DateTimeOffset(2024, 9, 2, 7, 20, 0, TimeSpan.Zero), result.RegistrationDateTime);
        var sent = XDocument.Load(new MemoryStream(server.LastRequestBody!));
        Assert.AreEqual("u-1", sent.Descendants(Ser + "searchRegistryItemRequest").Single().Element(Ser + "localUid")!.Value);
    }

    [TestMethod]
    public async Task GivenRegistryItemNotFoundError_WhenSearching_ThenAcceptedNotFound()
    {
        server.Status = 200;
        server.ContentType = "application/soap+xml";
        server.Body = Envelope(Soap12, "<ser:searchRegistryItemResponse><ser:status>error</ser:status><ser:errors><ser:item><ser:code>REGISTRY_ITEM_NOT_FOUND</ser:code><ser:message>m</ser:message></ser:item></ser:errors></ser:searchRegistryItemResponse>");

        var result = await Client().SearchRegistryItemAsync("u-2");

        Assert.AreEqual(RemdOutcome.Accepted, result.Outcome);
        Assert.IsFalse(result.Found);
    }
}
