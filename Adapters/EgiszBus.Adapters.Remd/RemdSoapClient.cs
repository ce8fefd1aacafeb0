using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>
/// <see cref="IRemdClient"/> over SOAP 1.2 / HTTP. Never throws for network, HTTP or SOAP failures: they become
/// <see cref="RemdOutcome.Retryable"/> or <see cref="RemdOutcome.Rejected"/> results. Only cancellation propagates.
/// Logs nothing (the request carries personal data).
/// </summary>
public sealed class RemdSoapClient : IRemdClient
{
    /// <summary>The largest answer read (4 MB); a longer one is treated as unparseable.</summary>
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    private static readonly XNamespace Soap = RemdNamespaces.Soap12;
    private static readonly XNamespace Wsa = RemdNamespaces.Addressing;
    private static readonly XNamespace Egisz = RemdNamespaces.Egisz;
    private static readonly XNamespace Ser = RemdNamespaces.Service;
    private static readonly XNamespace Wsu = RemdNamespaces.SecurityUtility;

    private readonly HttpClient httpClient;
    private readonly RemdClientOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ISoapEnvelopeSigner signer;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClient">The transport (its own timeout should be longer than <see cref="RemdClientOptions.Timeout"/>).</param>
    /// <param name="options">Endpoint, client id, timeout.</param>
    /// <param name="timeProvider">The clock of the call timeout.</param>
    /// <param name="signer">The WS-Security seam; <see cref="UnsignedSoapEnvelopeSigner"/> when null.</param>
    public RemdSoapClient(HttpClient httpClient, RemdClientOptions options, TimeProvider timeProvider, ISoapEnvelopeSigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.httpClient = httpClient;
        this.options = options;
        this.timeProvider = timeProvider;
        this.signer = signer ?? UnsignedSoapEnvelopeSigner.Instance;
    }

    /// <inheritdoc />
    public async Task<RemdCallResult> RegisterDocumentAsync(RemdRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messageId = NewMessageId();
        var envelope = BuildEnvelope(RemdActions.RegisterDocument, messageId, BuildRegisterBody(request));
        var answer = await ExchangeAsync(RemdActions.RegisterDocument, envelope, cancellationToken).ConfigureAwait(false);

        if (answer.Failure is not null)
        {
            return new RemdCallResult(RemdOutcome.Retryable, messageId, [], answer.Failure);
        }

        if (answer.Fault is { } fault)
        {
            var (outcome, detail) = ClassifyFault(fault, answer.HttpStatus);
            return new RemdCallResult(outcome, messageId, fault.Errors, detail);
        }

        var payload = answer.Payload!;
        var status = RemdXml.ChildValue(payload, "status");
        var errors = RemdXml.Errors(payload);
        if (string.Equals(status, "success", StringComparison.OrdinalIgnoreCase) && IsSuccessStatus(answer.HttpStatus))
        {
            return new RemdCallResult(RemdOutcome.Accepted, messageId, errors);
        }

        if (errors.Count > 0)
        {
            return new RemdCallResult(RemdErrorClassifier.Classify(errors), messageId, errors, $"HTTP {answer.HttpStatus}");
        }

        return new RemdCallResult(RemdOutcome.Retryable, messageId, [],
            $"HTTP {answer.HttpStatus}: {payload.Name.LocalName} without success status or errors");
    }

    /// <inheritdoc />
    public async Task<RemdSearchResult> SearchRegistryItemAsync(string localUid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localUid);
        var body = new XElement(Ser + "searchRegistryItemRequest", new XElement(Ser + "localUid", localUid));
        var envelope = BuildEnvelope(RemdActions.SearchRegistryItem, NewMessageId(), body);
        var answer = await ExchangeAsync(RemdActions.SearchRegistryItem, envelope, cancellationToken).ConfigureAwait(false);

        if (answer.Failure is not null)
        {
            return new RemdSearchResult(RemdOutcome.Retryable, false, null, [], answer.Failure);
        }

        if (answer.Fault is { } fault)
        {
            if (fault.Errors.Count > 0 && fault.Errors.All(e => e.Code == "REGISTRY_ITEM_NOT_FOUND"))
            {
                return new RemdSearchResult(RemdOutcome.Accepted, false, null, fault.Errors);
            }

            var (outcome, detail) = ClassifyFault(fault, answer.HttpStatus);
            return new RemdSearchResult(outcome, false, null, fault.Errors, detail);
        }

        var payload = answer.Payload!;
        var errors = RemdXml.Errors(payload);
        var status = RemdXml.ChildValue(payload, "status");
        if (errors.Count > 0 && errors.All(e => e.Code == "REGISTRY_ITEM_NOT_FOUND"))
        {
            return new RemdSearchResult(RemdOutcome.Accepted, false, null, errors);
        }

        if (errors.Count > 0 && !string.Equals(status, "success", StringComparison.OrdinalIgnoreCase))
        {
            return new RemdSearchResult(RemdErrorClassifier.Classify(errors), false, null, errors, $"HTTP {answer.HttpStatus}");
        }

        if (!string.Equals(status, "success", StringComparison.OrdinalIgnoreCase) || !IsSuccessStatus(answer.HttpStatus))
        {
            return new RemdSearchResult(RemdOutcome.Retryable, false, null, errors,
                $"HTTP {answer.HttpStatus}: {payload.Name.LocalName} without success status");
        }

        var match = RemdXml.Child(payload, "matches")?.Elements()
            .Where(e => e.Name.LocalName == "item")
            .FirstOrDefault(e => RemdXml.ChildValue(e, "localUid") is null || RemdXml.ChildValue(e, "localUid") == localUid);
        if (match is null)
        {
            return new RemdSearchResult(RemdOutcome.Accepted, false, null, errors);
        }

        DateTimeOffset? registered = DateTimeOffset.TryParse(RemdXml.ChildValue(match, "registrationDateTime"),
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
        return new RemdSearchResult(RemdOutcome.Accepted, true, RemdXml.ChildValue(match, "emdrId"), errors)
        {
            RegistrationDateTime = registered,
        };
    }

    private static string NewMessageId() => "urn:uuid:" + Guid.NewGuid().ToString("D");

    private static bool IsSuccessStatus(int? status) => status is >= 200 and < 300;

    private static (RemdOutcome Outcome, string Detail) ClassifyFault(SoapFault fault, int? httpStatus)
    {
        var detail = $"HTTP {httpStatus}, SOAP Fault {fault.Code}: {fault.Reason}";
        if (fault.Errors.Count > 0)
        {
            return (RemdErrorClassifier.Classify(fault.Errors), detail);
        }

        // Without a REMD code: a Sender fault says our request is wrong (retrying the same bytes will not help);
        // a Receiver fault or anything else is REMD's trouble.
        return (fault.Code.EndsWith("Sender", StringComparison.Ordinal) && httpStatus is >= 400 and < 500 or 200
            ? RemdOutcome.Rejected
            : RemdOutcome.Retryable, detail);
    }

    private XDocument BuildEnvelope(string action, string messageId, XElement body)
    {
        var replyTo = options.CallbackUri?.AbsoluteUri ?? RemdActions.AnonymousAddress;
        return new XDocument(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "egisz", Egisz.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsa", Wsa.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsu", Wsu.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ser", Ser.NamespaceName),
            new XElement(Soap + "Header",
                new XElement(Egisz + "transportHeader",
                    new XElement(Egisz + "authInfo",
                        new XElement(Egisz + "clientEntityId", options.ClientEntityId))),
                new XElement(Wsa + "MessageID", messageId),
                new XElement(Wsa + "Action", action),
                new XElement(Wsa + "To", options.ServiceUri.AbsoluteUri),
                new XElement(Wsa + "ReplyTo", new XElement(Wsa + "Address", replyTo))),
            new XElement(Soap + "Body", new XAttribute(Wsu + "Id", "body"), body)));
    }

    private static XElement BuildRegisterBody(RemdRegistrationRequest request)
    {
        var patient = request.Patient;
        var name = new XElement(Ser + "name",
            new XElement(Ser + "family", patient.Family),
            new XElement(Ser + "given", patient.Given));
        if (!string.IsNullOrWhiteSpace(patient.Patronymic))
        {
            name.Add(new XElement(Ser + "patronymic", patient.Patronymic));
        }

        var body = new XElement(Ser + "registerDocumentRequest",
            new XElement(Ser + "localUid", request.LocalUid),
            new XElement(Ser + "number", request.DocumentNumber),
            new XElement(Ser + "kind", request.Kind),
            new XElement(Ser + "creationDateTime", request.CreatedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)),
            new XElement(Ser + "organization", request.OrganizationOid));
        if (!string.IsNullOrWhiteSpace(request.DepartmentOid))
        {
            body.Add(new XElement(Ser + "department", request.DepartmentOid));
        }

        body.Add(
            new XElement(Ser + "patient",
                new XElement(Ser + "snils", Digits(patient.Snils)),
                name,
                new XElement(Ser + "birthDate", patient.BirthDate),
                new XElement(Ser + "gender", patient.GenderCode)),
            new XElement(Ser + "signers", request.Signers.Select(SignerItem)),
            new XElement(Ser + "document", Convert.ToBase64String(request.Document)));
        return body;
    }

    private static XElement SignerItem(RemdSigner signer)
    {
        var item = new XElement(Ser + "item",
            new XElement(Ser + "role", signer.RoleCode),
            new XElement(Ser + "snils", Digits(signer.Snils)),
            new XElement(Ser + "position", signer.PositionCode));
        if (!string.IsNullOrWhiteSpace(signer.DepartmentOid))
        {
            item.Add(new XElement(Ser + "department", signer.DepartmentOid));
        }

        item.Add(new XElement(Ser + "signature", Convert.ToBase64String(signer.Signature)));
        return item;
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private async Task<SoapAnswer> ExchangeAsync(string action, XDocument envelope, CancellationToken cancellationToken)
    {
        var bytes = await signer.SignAsync(envelope, cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(RemdActions.SoapMediaType)
            {
                CharSet = "utf-8",
                Parameters = { new NameValueHeaderValue("action", $"\"{action}\"") },
            };
            using var message = new HttpRequestMessage(HttpMethod.Post, options.ServiceUri) { Content = content };
            using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            var answerBytes = await RemdXml.ReadLimitedAsync(stream, MaxResponseBytes, linked.Token).ConfigureAwait(false);
            if (answerBytes is null)
            {
                return SoapAnswer.Failed(status, $"HTTP {status}: answer larger than {MaxResponseBytes} bytes");
            }

            return Interpret(status, answerBytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SoapAnswer.Failed(null, $"timeout after {options.Timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException exception)
        {
            return SoapAnswer.Failed(null, $"network: {exception.HttpRequestError} ({exception.Message})");
        }
        catch (IOException exception)
        {
            return SoapAnswer.Failed(null, $"network: {exception.Message}");
        }
    }

    private static SoapAnswer Interpret(int status, byte[] bytes)
    {
        XDocument document;
        try
        {
            document = RemdXml.Load(bytes, MaxResponseBytes);
        }
        catch (XmlException exception)
        {
            return SoapAnswer.Failed(status, $"HTTP {status}: unparseable answer ({exception.Message})");
        }

        var root = document.Root!;
        if (root.Name.LocalName != "Envelope" || root.Name.NamespaceName is not (RemdNamespaces.Soap12 or RemdNamespaces.Soap11))
        {
            return SoapAnswer.Failed(status, $"HTTP {status}: not a SOAP envelope ({root.Name.LocalName})");
        }

        var payload = RemdXml.Payload(document, out _);
        if (payload is null)
        {
            return SoapAnswer.Failed(status, $"HTTP {status}: empty SOAP body");
        }

        if (payload.Name.LocalName == "Fault" && payload.Name.Namespace == root.Name.Namespace)
        {
            return new SoapAnswer(status, null, ReadFault(payload), null);
        }

        if (status == (int)HttpStatusCode.TooManyRequests || status >= 500 || status < 200 || status >= 300)
        {
            var errors = RemdXml.Errors(payload);
            if (errors.Count == 0)
            {
                return SoapAnswer.Failed(status, $"HTTP {status}");
            }
        }

        return new SoapAnswer(status, payload, null, null);
    }

    private static SoapFault ReadFault(XElement fault)
    {
        // SOAP 1.2: Code/Value, Reason/Text, Detail; SOAP 1.1: faultcode, faultstring, detail.
        var code = RemdXml.ChildValue(RemdXml.Child(fault, "Code"), "Value") ?? RemdXml.ChildValue(fault, "faultcode") ?? string.Empty;
        var reason = RemdXml.ChildValue(RemdXml.Child(fault, "Reason"), "Text") ?? RemdXml.ChildValue(fault, "faultstring") ?? string.Empty;
        var detail = RemdXml.Child(fault, "Detail") ?? RemdXml.Child(fault, "detail");
        var errors = new List<RemdError>();
        foreach (var holder in detail?.DescendantsAndSelf() ?? [])
        {
            if (holder.Name.LocalName == "errors")
            {
                errors.AddRange(RemdXml.Errors(holder.Parent));
                break;
            }
        }

        if (errors.Count == 0 && RemdXml.ChildValue(detail, "code") is { } singleCode)
        {
            errors.Add(new RemdError(singleCode, RemdXml.ChildValue(detail, "message") ?? reason));
        }

        return new SoapFault(code, reason, errors);
    }

    private sealed record SoapFault(string Code, string Reason, List<RemdError> Errors);

    private sealed record SoapAnswer(int? HttpStatus, XElement? Payload, SoapFault? Fault, string? Failure)
    {
        public static SoapAnswer Failed(int? status, string failure) => new(status, null, null, failure);
    }
}
