using System.Text.Json.Nodes;

namespace YeKuo.Deploy.Tests.Kustomize;

/// <summary>RFC 6902 patches (the <c>add</c>, <c>replace</c> and <c>remove</c> operations kustomize overlays use here).</summary>
public static class JsonPatch
{
    public static void Apply(JsonNode document, JsonArray operations)
    {
        foreach (var operation in operations.Select(o => o!.AsObject()))
        {
            var op = (string)operation["op"]!;
            var path = ((string)operation["path"]!).Split('/').Skip(1).Select(Unescape).ToArray();
            if (path.Length == 0)
            {
                throw new InvalidOperationException("A patch of the whole document is not supported.");
            }
            var parent = path[..^1].Aggregate(document, (node, segment) => Child(node, segment)
                ?? throw new InvalidOperationException($"Patch path {operation["path"]}: '{segment}' does not exist."));
            var last = path[^1];
            var value = operation["value"]?.DeepClone();
            switch (op, parent)
            {
                case ("add", JsonArray array) when last == "-":
                    array.Add(value);
                    break;
                case ("add", JsonArray array):
                    array.Insert(int.Parse(last), value);
                    break;
                case ("add" or "replace", JsonObject obj):
                    if (op == "replace" && !obj.ContainsKey(last))
                    {
                        throw new InvalidOperationException($"Patch path {operation["path"]}: nothing to replace.");
                    }
                    obj[last] = value;
                    break;
                case ("replace", JsonArray array):
                    array[int.Parse(last)] = value;
                    break;
                case ("remove", JsonObject obj):
                    if (!obj.Remove(last))
                    {
                        throw new InvalidOperationException($"Patch path {operation["path"]}: nothing to remove.");
                    }
                    break;
                case ("remove", JsonArray array):
                    array.RemoveAt(int.Parse(last));
                    break;
                default:
                    throw new NotSupportedException($"Patch operation '{op}' on {parent.GetValueKind()} is not supported.");
            }
        }
    }

    private static JsonNode? Child(JsonNode node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array => array[int.Parse(segment)],
        _ => null,
    };

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
}
