using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace YeKuo.Deploy.Tests.Kustomize;

/// <summary>YAML documents as JSON nodes: plain scalars that look like numbers, booleans or null become those (YAML 1.2 core schema); quoted ones stay strings.</summary>
public static class YamlJson
{
    public static IReadOnlyList<JsonObject> LoadDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Where(d => d.RootNode is YamlMappingNode)
            .Select(d => (JsonObject)ToJson(d.RootNode)!)
            .ToList();
    }

    /// <summary>One YAML document of any shape (e.g. a patch, which is a sequence).</summary>
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents is [var document] ? ToJson(document.RootNode) : throw new FormatException("Expected one YAML document.");
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new FormatException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
