using EgiszBus.Adapters.Remd;
using EgiszBus.Adapters.Semd;
using EgiszBus.Contracts;
using EgiszBus.Contracts.Commands;
using EgiszBus.Endpoints.Hosting.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EgiszBus.Endpoints.Gateway.Api;

/// <summary>
/// The HTTP API for MIS (<c>/api/v1/documents</c>) and the REMD callback listener (<c>/remd/callback</c>).
/// The submission envelope is documented in <c>Schemas/mis/document-submission.md</c>.
/// </summary>
public static class GatewayApi
{
    /// <summary>Largest accepted request body (FHIR Bundle with its signatures).</summary>
    public const long MaxBodyBytes = 20 * 1024 * 1024;

    /// <summary>The callback path REMD (or its emulator) posts <c>registerDocumentResult</c> to.</summary>
    public const string CallbackPath = "/remd/callback";

    private static readonly string[] AcceptedMediaTypes = ["application/fhir+json", "application/json"];

    /// <summary>Maps the gateway's routes.</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/documents", SubmitAsync);
        routes.MapPost("/api/v1/documents/$semd", RenderAsync);
        routes.MapGet("/api/v1/documents/{id:guid}", GetAsync);
        routes.MapGet("/api/v1/documents", ListAsync);
        routes.MapPost(CallbackPath, CallbackAsync);
        routes.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return routes;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, FhirToSemdTranslators translator,
        IDocumentStore documents, IDocumentStatusStore statuses, ICommandSender sender, TimeProvider time, ILoggerFactory loggers)
    {
        var (body, refusal) = await ReadBodyAsync(request);
        if (refusal is not null)
        {
            return refusal;
        }

        // Fail fast with the same rules the documents endpoint applies, so an MIS learns about bad input at once.
        var translation = translator.Translate(body);
        if (!translation.Succeeded)
        {
            return Problems.Invalid("Документ не принят: ошибки в FHIR Bundle", Items(translation.Problems));
        }

        var id = Guid.NewGuid();
        var receivedAt = time.GetUtcNow();
        var contentRef = await documents.PutAsync(body, request.HttpContext.RequestAborted);
        await statuses.CreateAsync(id, receivedAt, request.HttpContext.RequestAborted);
        await sender.SendAsync(new SubmitDocument(id, contentRef, "application/fhir+json", receivedAt));
        loggers.CreateLogger(typeof(GatewayApi)).LogInformation("Document {DocumentId} accepted for processing ({Bytes} bytes)", id, body.Length);
        var statusUrl = $"/api/v1/documents/{id}";
        return Results.Accepted(statusUrl, new SubmissionAnswer(id, nameof(DocumentState.Accepted), statusUrl));
    }

    private static async Task<IResult> RenderAsync(HttpRequest request, FhirToSemdTranslators translator)
    {
        var (body, refusal) = await ReadBodyAsync(request);
        if (refusal is not null)
        {
            return refusal;
        }

        var translation = translator.Translate(body);
        return translation.Succeeded && translation.Semd is not null
            ? Results.Bytes(translation.Semd, "application/xml; charset=utf-8")
            : Problems.Invalid("SEMD не сформирован: ошибки в FHIR Bundle", Items(translation.Problems));
    }

    private static async Task<IResult> GetAsync(Guid id, IDocumentStatusStore statuses, CancellationToken cancellationToken)
    {
        var status = await statuses.GetAsync(id, cancellationToken);
        return status is null
            ? Results.Problem(title: "Документ не найден", statusCode: StatusCodes.Status404NotFound, detail: $"No document with id {id}.")
            : Results.Ok(ToAnswer(status));
    }

    private static async Task<IResult> ListAsync(IDocumentStatusStore statuses, int? limit, CancellationToken cancellationToken)
    {
        var all = await statuses.ListAsync(Math.Clamp(limit ?? 100, 1, 10_000), cancellationToken);
        return Results.Ok(all.Select(ToAnswer));
    }

    private static async Task<IResult> CallbackAsync(HttpRequest request, ICommandSender sender, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(GatewayApi));
        var (body, refusal) = await ReadBodyAsync(request, requireJson: false);
        if (refusal is not null)
        {
            return refusal;
        }

        RemdCallback callback;
        try
        {
            callback = RemdCallbackParser.Parse(body);
        }
        catch (RemdCallbackFormatException e)
        {
            logger.LogWarning("Refused a REMD callback: {Reason}", e.Message);
            return Problems.Invalid("Некорректный ответ РЭМД", [new ProblemItem(Problems.InvalidCallback, e.Message, null)]);
        }

        if (string.IsNullOrEmpty(callback.LocalUid))
        {
            logger.LogWarning("Refused a REMD callback without localUid (relates to {MessageId})", callback.RelatesToMessageId);
            return Problems.Invalid("Некорректный ответ РЭМД", [new ProblemItem(Problems.InvalidCallback, "registerDocumentResult has no localUid", "registerDocumentResult/localUid")]);
        }

        await sender.SendAsync(new RecordRemdResult(
            callback.LocalUid, callback.RelatesToMessageId, callback.Success, callback.EmdrId,
            callback.Errors.Select(e => new DocumentProblem(e.Code, e.Message)).ToList(), time.GetUtcNow()));
        return Results.Bytes(RemdCallbackAcknowledgement.Write(callback.RelatesToMessageId), RemdCallbackAcknowledgement.ContentType);
    }

    private static async Task<(byte[] Body, IResult? Refusal)> ReadBodyAsync(HttpRequest request, bool requireJson = true)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return ([], TooLarge());
        }

        if (requireJson)
        {
            var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (mediaType is null || !AcceptedMediaTypes.Contains(mediaType))
            {
                return ([], Problems.Invalid("Неподдерживаемый тип содержимого",
                    [new ProblemItem(Problems.UnsupportedRequest, $"Content-Type must be application/fhir+json, not '{request.ContentType}'", null)],
                    StatusCodes.Status415UnsupportedMediaType));
            }
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return ([], TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? ([], Problems.Invalid("Пустой запрос", [new ProblemItem(Problems.UnsupportedRequest, "the request body is empty", null)]))
            : (buffer.ToArray(), null);
    }

    private static IEnumerable<ProblemItem> Items(IEnumerable<TranslationProblem> problems) =>
        problems.Select(p => new ProblemItem(p.Code, p.Message, p.Location));

    private static IResult TooLarge() =>
        Problems.Invalid("Слишком большой запрос", [new ProblemItem(Problems.UnsupportedRequest, $"body larger than {MaxBodyBytes} bytes", null)],
            StatusCodes.Status413PayloadTooLarge);

    private static StatusAnswer ToAnswer(DocumentStatus status) => new(
        status.DocumentId, status.State.ToString(), status.Kind, status.LocalUid, status.EmdrId,
        status.Problems.Select(p => new ProblemItem(p.Code, p.Message, p.Location)).ToList(), status.ReceivedAt, status.UpdatedAt);
}
