using System.Text.Json;
using System.Text.Json.Serialization;
using Rebus.Messages;
using Rebus.Sagas.Idempotent;

namespace EgiszBus.Endpoints.Hosting.Sagas.Sqlite;

/// <summary>
/// JSON for Rebus's <see cref="IdempotencyData"/> (the handled message ids of an idempotent saga and the outgoing messages each
/// one caused). System.Text.Json cannot bind its constructor (parameter and property types differ), so it is written and read
/// through a plain shape: <c>{"handled":[id…],"outgoing":[{"messageId","messages":[{"destinations":[…],"headers":{…},"body":base64}]}]}</c>.
/// </summary>
internal sealed class IdempotencyDataJsonConverter : JsonConverter<IdempotencyData>
{
    public override IdempotencyData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonSerializer.Deserialize<Shape>(ref reader) is not { } shape)
        {
            return null;
        }

        var outgoing = (shape.Outgoing ?? []).Select(o => new OutgoingMessages(o.MessageId,
            (o.Messages ?? []).Select(m => new OutgoingMessage(m.Destinations ?? [], new TransportMessage(m.Headers ?? [], m.Body ?? [])))));
        return new IdempotencyData(outgoing, shape.Handled ?? []);
    }

    public override void Write(Utf8JsonWriter writer, IdempotencyData value, JsonSerializerOptions options)
    {
        var shape = new Shape(
            [.. value.HandledMessageIds],
            [.. value.OutgoingMessages.Select(o => new OutgoingShape(o.MessageId,
                [.. o.MessagesToSend.Select(m => new MessageShape([.. m.DestinationAddresses], m.TransportMessage.Headers, m.TransportMessage.Body))]))]);
        JsonSerializer.Serialize(writer, shape);
    }

    private sealed record Shape(
        [property: JsonPropertyName("handled")] List<string>? Handled,
        [property: JsonPropertyName("outgoing")] List<OutgoingShape>? Outgoing);

    private sealed record OutgoingShape(
        [property: JsonPropertyName("messageId")] string MessageId,
        [property: JsonPropertyName("messages")] List<MessageShape>? Messages);

    private sealed record MessageShape(
        [property: JsonPropertyName("destinations")] List<string>? Destinations,
        [property: JsonPropertyName("headers")] Dictionary<string, string>? Headers,
        [property: JsonPropertyName("body")] byte[]? Body);
}
