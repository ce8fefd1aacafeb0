using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Mis.Tests;

/// <summary>Edits one property of a JSON sample: a dotted path with optional indexes (<c>diagnoses[1].icd10</c>).</summary>
internal static class DispanserizationJsonEdit
{
    /// <summary>Sets the property at <paramref name="path"/> to <paramref name="value"/> (a string; "[]" is an empty array) or removes it (null).</summary>
    public static byte[] Apply(byte[] json, string path, string? value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = Step(parent, part);
        }

        var last = parts[^1];
        if (last.Contains('['))
        {
            parent = Step(parent, last[..last.IndexOf('[')]);
            last = last[(last.IndexOf('[') + 1)..^1];
            var array = parent.AsArray();
            var index = int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
            if (value is null)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = value;
            }
        }
        else if (value is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value == "[]" ? new JsonArray() : JsonValue.Create(value);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[');
        if (bracket < 0)
        {
            return node[part]!;
        }

        var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[part[..bracket]]![index]!;
    }
}
