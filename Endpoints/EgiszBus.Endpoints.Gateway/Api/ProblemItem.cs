namespace EgiszBus.Endpoints.Gateway.Api;

/// <summary>One coded problem in an RFC 7807 answer: code, message and where (FHIRPath, XPath, line/column).</summary>
public sealed record ProblemItem(string Code, string Message, string? Location);
