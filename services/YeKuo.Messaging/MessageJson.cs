using System.Text.Json;
using System.Text.Json.Serialization;

namespace YeKuo.Messaging;

/// <summary>The JSON shape of stored messages (outbox bodies): web defaults with enums as names, readable in the database.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
