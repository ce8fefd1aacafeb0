using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using EgiszBus.Adapters.Remd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EgiszBus.Samples.RemdEmulator;

/// <summary>
/// A loopback REMD: SOAP 1.2 <c>registerDocument</c> (synchronous "accepted", asynchronous <c>registerDocumentResult</c>
/// callback), <c>searchRegistryItem</c> by localUid, duplicate detection, business errors for chosen inputs,
/// fault injection (<see cref="RemdEmulatorFaults"/>) and a ledger of what arrived. Endpoints:
/// <c>POST /emdr/service</c>, <c>GET /ledger</c>, <c>GET /ledger/{localUid}/document</c>, <c>GET|POST /faults</c>.
/// Logs nothing (requests carry personal data).
/// </summary>
public sealed class RemdEmulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly RemdEmulatorOptions options;
    private readonly TimeProvider time;
    private readonly WebApplication app;
    private readonly HttpClient callbackClient = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly Random random;
    private readonly Dictionary<string, DocumentState> documents = new(StringComparer.Ordinal);
    private readonly List<Task> background = [];
    private readonly HashSet<string> rejectSnils;
    private readonly HashSet<string> unknownKinds;
    private volatile RemdEmulatorFaults faults;
    private long nextEmdrNumber;
    private int requests;
    private int faultsInjected;
    private int callbacksSent;
    private int callbacksLost;
    private int callbackAttemptsFailed;

    private RemdEmulator(RemdEmulatorOptions options, WebApplication app)
    {
        this.options = options;
        this.app = app;
        time = options.TimeProvider;
        random = new Random(options.Seed);
        faults = options.Faults;
        nextEmdrNumber = options.FirstEmdrNumber;
        rejectSnils = options.RejectPatientSnils.Select(Digits).ToHashSet(StringComparer.Ordinal);
        unknownKinds = options.UnknownKinds.Select(k => k.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The SOAP endpoint, e.g. <c>http://127.0.0.1:PORT/emdr/service</c>.</summary>
    public Uri ServiceUri { get; private set; } = null!;

    /// <summary>The ledger as JSON (<c>GET /ledger</c>).</summary>
    public Uri LedgerUri { get; private set; } = null!;

    /// <summary>Where faults are read and replaced as JSON (<c>GET|POST /faults</c>).</summary>
    public Uri FaultsUri { get; private set; } = null!;

    /// <summary>The faults in force; replace to change them at run time.</summary>
    public RemdEmulatorFaults Faults
    {
        get => faults;
        set => faults = value ?? RemdEmulatorFaults.None;
    }

    /// <summary>A snapshot of the ledger.</summary>
    public RemdEmulatorLedger Ledger
    {
        get
        {
            lock (gate)
            {
                return new RemdEmulatorLedger(
                    new RemdLedgerTotals(requests, faultsInjected, callbacksSent, callbacksLost, callbackAttemptsFailed),
                    documents.Values.OrderBy(d => d.FirstSeen).Select(d => d.ToEntry()).ToList());
            }
        }
    }

    /// <summary>Starts the emulator on 127.0.0.1.</summary>
    public static async Task<RemdEmulator> StartAsync(RemdEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        var app = builder.Build();
        var emulator = new RemdEmulator(options, app);
        app.MapPost("/emdr/service", emulator.HandleSoapAsync);
        app.MapGet("/ledger", emulator.HandleLedgerAsync);
        app.MapGet("/ledger/{localUid}/document", emulator.HandleDocumentAsync);
        app.MapGet("/faults", context => WriteJsonAsync(context, emulator.Faults));
        app.MapPost("/faults", emulator.HandleFaultsAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        emulator.ServiceUri = new Uri(baseUri, "emdr/service");
        emulator.LedgerUri = new Uri(baseUri, "ledger");
        emulator.FaultsUri = new Uri(baseUri, "faults");
        return emulator;
    }

    /// <summary>The SEMD bytes received for <paramref name="localUid"/> (the accepted request's), or null.</summary>
    public byte[]? GetDocument(string localUid)
    {
        lock (gate)
        {
            return documents.TryGetValue(localUid, out var state) ? state.Document : null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (gate)
        {
            pending = [.. background];
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        callbackClient.Dispose();
        stopping.Dispose();
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static async Task WriteJsonAsync<T>(HttpContext context, T value)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, Json), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteSoapAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = EmulatorSoap.ContentType;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private Task HandleLedgerAsync(HttpContext context) => WriteJsonAsync(context, Ledger);

    private async Task HandleDocumentAsync(HttpContext context)
    {
        var localUid = (string)context.Request.RouteValues["localUid"]!;
        var document = GetDocument(localUid);
        if (document is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/xml";
        await context.Response.Body.WriteAsync(document, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task HandleFaultsAsync(HttpContext context)
    {
        try
        {
            var replacement = await JsonSerializer.DeserializeAsync<RemdEmulatorFaults>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
            Faults = replacement ?? RemdEmulatorFaults.None;
        }
        catch (JsonException exception)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(exception.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, Faults).ConfigureAwait(false);
    }

    private async Task HandleSoapAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        Interlocked.Increment(ref requests);
        var current = faults;

        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        XElement? payload;
        string? messageId;
        XElement? header;
        try
        {
            var document = EmulatorSoap.Load(bytes, options.MaxRequestBytes);
            header = document.Root?.Element(EmulatorSoap.Soap + "Header");
            payload = document.Root?.Element(EmulatorSoap.Soap + "Body")?.Elements().FirstOrDefault();
            messageId = header?.Element(EmulatorSoap.Wsa + "MessageID")?.Value.Trim();
        }
        catch (XmlException exception)
        {
            await WriteSoapAsync(context, 400, EmulatorSoap.Fault("Sender", "Некорректный XML: " + exception.Message, null, null)).ConfigureAwait(false);
            return;
        }

        var isRegister = payload?.Name == EmulatorSoap.Ser + "registerDocumentRequest";
        var localUid = EmulatorSoap.Value(payload, "localUid");
        if (isRegister && localUid is not null)
        {
            lock (gate)
            {
                GetState(localUid).RegisterRequests++;
            }
        }

        if (current.Latency > TimeSpan.Zero)
        {
            await Task.Delay(current.Latency, time, cancellationToken).ConfigureAwait(false);
        }

        if (current.OutageUntil is { } until && time.GetUtcNow() < until)
        {
            Interlocked.Increment(ref faultsInjected);
            if (current.OutageDropsConnections)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (current.ErrorRate > 0 && Chance(current.ErrorRate))
        {
            Interlocked.Increment(ref faultsInjected);
            await InjectErrorAsync(context, messageId).ConfigureAwait(false);
            return;
        }

        if (payload is null || messageId is null)
        {
            await WriteSoapAsync(context, 400, EmulatorSoap.Fault("Sender", "Нет тела SOAP или wsa:MessageID", "VALIDATION_ERROR", messageId)).ConfigureAwait(false);
            return;
        }

        if (isRegister)
        {
            await RegisterAsync(context, payload, messageId, header, current).ConfigureAwait(false);
        }
        else if (payload.Name == EmulatorSoap.Ser + "searchRegistryItemRequest")
        {
            await WriteSoapAsync(context, 200, Search(payload, messageId)).ConfigureAwait(false);
        }
        else
        {
            await WriteSoapAsync(context, 400, EmulatorSoap.Fault("Sender", "Неизвестная операция " + payload.Name.LocalName, null, messageId)).ConfigureAwait(false);
        }
    }

    private bool Chance(double rate)
    {
        lock (gate)
        {
            return random.NextDouble() < rate;
        }
    }

    private async Task InjectErrorAsync(HttpContext context, string? messageId)
    {
        int kind;
        lock (gate)
        {
            kind = random.Next(4);
        }

        switch (kind)
        {
            case 0:
                await WriteSoapAsync(context, 500, EmulatorSoap.Fault("Receiver", "Внутренняя ошибка", "INTERNAL_ERROR", messageId)).ConfigureAwait(false);
                break;
            case 1:
                await WriteSoapAsync(context, 500, EmulatorSoap.Fault("Receiver", "Достигнут защитный лимит, просьба повторить через минуту или позже", "RATE_LIMIT", messageId)).ConfigureAwait(false);
                break;
            case 2:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Internal Server Error</body></html>", context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    private async Task RegisterAsync(HttpContext context, XElement request, string messageId, XElement? header, RemdEmulatorFaults current)
    {
        var validation = Validate(request);
        if (validation.Count > 0)
        {
            await WriteSoapAsync(context, 200, RegisterAnswer(messageId, validation)).ConfigureAwait(false);
            return;
        }

        var localUid = EmulatorSoap.Value(request, "localUid")!;
        var document = Convert.FromBase64String(EmulatorSoap.Value(request, "document")!);
        var businessErrors = BusinessErrors(request);
        var callbackUri = options.CallbackUri ?? ReplyTo(header);
        bool duplicate;
        bool acceptThenFail = false;
        lock (gate)
        {
            var state = GetState(localUid);
            duplicate = state.Status is InProgress or Registered;
            if (!duplicate)
            {
                state.Status = InProgress;
                state.Document = document;
                state.MessageId = messageId;
                state.ErrorCodes = [];
                acceptThenFail = current.AcceptThenFailRate > 0 && random.NextDouble() < current.AcceptThenFailRate;
                if (acceptThenFail)
                {
                    faultsInjected++;
                }

                background.RemoveAll(t => t.IsCompleted);
                background.Add(Task.Run(() => CompleteAsync(state, messageId, businessErrors, callbackUri)));
            }
        }

        if (duplicate)
        {
            // Never registers twice: a repeat of a localUid in progress or registered is refused.
            var error = new RemdError("NOT_UNIQUE_PROVIDED_ID", "Документ с указанным идентификатором (в РМИС/МИС) уже зарегистрирован");
            await WriteSoapAsync(context, 200, RegisterAnswer(messageId, [error])).ConfigureAwait(false);
            return;
        }

        if (acceptThenFail)
        {
            await WriteSoapAsync(context, 500, EmulatorSoap.Fault("Receiver", "Внутренняя ошибка", null, messageId)).ConfigureAwait(false);
            return;
        }

        await WriteSoapAsync(context, 200, RegisterAnswer(messageId, [])).ConfigureAwait(false);
    }

    private static byte[] RegisterAnswer(string relatesTo, IReadOnlyList<RemdError> errors)
    {
        var answer = new XElement(EmulatorSoap.Ser + "registerDocumentResponse",
            new XElement(EmulatorSoap.Ser + "status", errors.Count == 0 ? "success" : "error"));
        if (errors.Count > 0)
        {
            answer.Add(EmulatorSoap.Errors(errors));
        }

        return EmulatorSoap.Envelope("registerDocumentResponse", relatesTo, answer);
    }

    private static List<RemdError> Validate(XElement request)
    {
        var errors = new List<RemdError>();
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                errors.Add(new RemdError("VALIDATION_ERROR", message));
            }
        }

        Require(EmulatorSoap.Value(request, "localUid") is not null, "Не указан localUid");
        Require(EmulatorSoap.Value(request, "kind") is not null, "Не указан вид документа (kind)");
        var document = EmulatorSoap.Value(request, "document");
        Require(document is not null && IsBase64(document), "Не передан документ (document, base64)");
        var signers = EmulatorSoap.Child(request, "signers")?.Elements().Where(e => e.Name.LocalName == "item").ToList() ?? [];
        Require(signers.Count > 0, "Не указан ни один подписант");
        foreach (var signer in signers)
        {
            var signature = EmulatorSoap.Value(signer, "signature");
            Require(signature is not null && IsBase64(signature), "У подписанта нет подписи (signature, base64)");
        }

        return errors;
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }

    private List<RemdError> BusinessErrors(XElement request)
    {
        var errors = new List<RemdError>();
        var snils = EmulatorSoap.Value(EmulatorSoap.Child(request, "patient"), "snils");
        if (snils is not null && rejectSnils.Contains(Digits(snils)))
        {
            errors.Add(new RemdError("PATIENT_MPI_MISMATCH", "Данные пациента с переданным локальным идентификатором отличаются от зарегистрированных в ГИП"));
        }

        var kind = EmulatorSoap.Value(request, "kind");
        if (kind is not null && unknownKinds.Contains(kind))
        {
            errors.Add(new RemdError("OBJECT_NOT_FOUND", $"Не найдена запись справочника 1.2.643.5.1.13.13.11.1520 с кодом {kind}"));
        }

        return errors;
    }

    private static Uri? ReplyTo(XElement? header)
    {
        var address = header?.Element(EmulatorSoap.Wsa + "ReplyTo")?.Element(EmulatorSoap.Wsa + "Address")?.Value.Trim();
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    private byte[] Search(XElement request, string messageId)
    {
        var localUid = EmulatorSoap.Value(request, "localUid");
        var matches = new XElement(EmulatorSoap.Ser + "matches");
        lock (gate)
        {
            if (localUid is not null && documents.TryGetValue(localUid, out var state) && state.Status == Registered)
            {
                matches.Add(new XElement(EmulatorSoap.Ser + "item",
                    new XElement(EmulatorSoap.Ser + "localUid", localUid),
                    new XElement(EmulatorSoap.Ser + "emdrId", state.EmdrId),
                    new XElement(EmulatorSoap.Ser + "registrationDateTime",
                        state.RegistrationDateTime!.Value.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture))));
            }
        }

        var answer = new XElement(EmulatorSoap.Ser + "searchRegistryItemResponse",
            new XElement(EmulatorSoap.Ser + "status", "success"),
            matches);
        return EmulatorSoap.Envelope("searchRegistryItemResponse", messageId, answer);
    }

    private DocumentState GetState(string localUid)
    {
        if (!documents.TryGetValue(localUid, out var state))
        {
            state = new DocumentState(localUid, documents.Count);
            documents.Add(localUid, state);
        }

        return state;
    }

    private async Task CompleteAsync(DocumentState state, string messageId, List<RemdError> businessErrors, Uri? callbackUri)
    {
        var token = stopping.Token;
        try
        {
            await Task.Delay(options.CallbackDelay, time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        RemdCallback callback;
        bool lost;
        bool twice;
        var current = faults;
        lock (gate)
        {
            if (businessErrors.Count == 0)
            {
                state.Status = Registered;
                state.Registrations++;
                state.EmdrId = string.Create(CultureInfo.InvariantCulture, $"{options.EmdrIdPrefix}.{nextEmdrNumber++:D9}");
                state.RegistrationDateTime = time.GetUtcNow();
            }
            else
            {
                state.Status = Rejected;
                state.ErrorCodes = businessErrors.Select(e => e.Code).ToList();
            }

            callback = new RemdCallback(messageId, state.LocalUid, businessErrors.Count == 0, state.EmdrId,
                state.RegistrationDateTime, businessErrors);
            lost = current.LostCallbackRate > 0 && random.NextDouble() < current.LostCallbackRate;
            twice = !lost && current.DuplicateCallbackRate > 0 && random.NextDouble() < current.DuplicateCallbackRate;
            if (lost || callbackUri is null)
            {
                state.CallbacksLost++;
                callbacksLost++;
            }
        }

        if (lost || callbackUri is null)
        {
            return;
        }

        for (var copy = 0; copy < (twice ? 2 : 1); copy++)
        {
            if (await DeliverAsync(callback, callbackUri, token).ConfigureAwait(false))
            {
                lock (gate)
                {
                    state.CallbacksSent++;
                    callbacksSent++;
                }
            }
        }
    }

    private async Task<bool> DeliverAsync(RemdCallback callback, Uri callbackUri, CancellationToken token)
    {
        var body = RemdCallbackWriter.Write(callback, "urn:uuid:" + Guid.NewGuid(), callbackUri);
        for (var attempt = 1; attempt <= Math.Max(1, options.CallbackAttempts); attempt++)
        {
            if (attempt > 1)
            {
                try
                {
                    await Task.Delay(options.CallbackRetryDelay, time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }

            try
            {
                using var timeout = new CancellationTokenSource(options.CallbackTimeout, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(RemdActions.SoapMediaType)
                {
                    CharSet = "utf-8",
                    Parameters = { new NameValueHeaderValue("action", $"\"{RemdActions.RegisterDocumentResult}\"") },
                };
                using var response = await callbackClient.PostAsync(callbackUri, content, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                if (token.IsCancellationRequested)
                {
                    return false;
                }
            }

            lock (gate)
            {
                callbackAttemptsFailed++;
            }
        }

        return false;
    }

    private const string None = "None";
    private const string InProgress = "InProgress";
    private const string Registered = "Registered";
    private const string Rejected = "Rejected";

    private sealed class DocumentState(string localUid, int order)
    {
        public string LocalUid { get; } = localUid;

        public int FirstSeen { get; } = order;

        public int RegisterRequests { get; set; }

        public int Registrations { get; set; }

        public string? EmdrId { get; set; }

        public DateTimeOffset? RegistrationDateTime { get; set; }

        public int CallbacksSent { get; set; }

        public int CallbacksLost { get; set; }

        public string Status { get; set; } = None;

        public string? MessageId { get; set; }

        public byte[]? Document { get; set; }

        public IReadOnlyList<string> ErrorCodes { get; set; } = [];

        public RemdLedgerEntry ToEntry() => new(LocalUid, RegisterRequests, Registrations, EmdrId, RegistrationDateTime,
            CallbacksSent, CallbacksLost, Status, MessageId, ErrorCodes);
    }
}
