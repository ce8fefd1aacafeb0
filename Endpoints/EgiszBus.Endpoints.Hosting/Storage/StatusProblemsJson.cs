using System.Text.Json;

namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>JSON form of the problems kept with a status, shared by the status stores.</summary>
internal static class StatusProblemsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(IReadOnlyList<StatusProblem>? problems) => JsonSerializer.Serialize(problems ?? [], Options);

    public static IReadOnlyList<StatusProblem> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<StatusProblem>>(json, Options) ?? [];

    /// <summary>
    /// SQL condition (on column <c>state</c> and parameter <paramref name="newState"/>) that lets an update through:
    /// the current state is not final (2, 3, 4) and the new state's rank (Accepted 0 &lt; SentToRemd 1 &lt; final 2)
    /// is not lower than the current one.
    /// </summary>
    public static string ForwardOnly(string newState) =>
        $"state NOT IN (2, 3, 4) AND (CASE WHEN {newState} >= 2 THEN 2 ELSE {newState} END) >= state";
}
