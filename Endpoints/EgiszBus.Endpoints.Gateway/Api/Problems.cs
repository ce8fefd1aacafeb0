using Microsoft.AspNetCore.Http;

namespace EgiszBus.Endpoints.Gateway.Api;

/// <summary>RFC 7807 answers of the gateway, each listing coded problems.</summary>
public static class Problems
{
    /// <summary>Error code: the request body is not what the endpoint accepts (media type, size, empty).</summary>
    public const string UnsupportedRequest = "GW-001";

    /// <summary>Error code: the callback body is not a REMD registerDocumentResult.</summary>
    public const string InvalidCallback = "GW-002";

    /// <summary>A 400 answer listing <paramref name="items"/>.</summary>
    public static IResult Invalid(string title, IEnumerable<ProblemItem> items, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(
            title: title,
            statusCode: status,
            type: "urn:egiszbus:problem:invalid-document",
            detail: "Исправьте перечисленные ошибки и отправьте документ снова. / Fix the listed problems and submit again.",
            extensions: new Dictionary<string, object?> { ["problems"] = items.ToList() });
}
