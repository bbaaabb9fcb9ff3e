using System.Text.Json.Nodes;

namespace YeKuo.Deploy.Tests.Kustomize;

/// <summary>kustomize's <c>labels</c>: on every resource's metadata and, with <c>includeSelectors</c>, on selectors and pod templates.</summary>
internal static class Labels
{
    public static void Apply(IEnumerable<JsonObject> resources, JsonObject pairs, bool includeSelectors)
    {
        foreach (var resource in resources)
        {
            Add(resource["metadata"]!.AsObject(), "labels", pairs);
            if (!includeSelectors)
            {
                continue;
            }
            var spec = resource["spec"]?.AsObject();
            switch (Kustomization.KindOf(resource))
            {
                case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet":
                    Add(Ensure(spec!, "selector"), "matchLabels", pairs);
                    Add(Ensure(Ensure(spec!, "template"), "metadata"), "labels", pairs);
                    break;
                case "Service":
                    Add(spec!, "selector", pairs);
                    break;
                case "PodDisruptionBudget" when (spec?["selector"]?["matchLabels"]) is not null:
                    Add(spec["selector"]!.AsObject(), "matchLabels", pairs);
                    break;
            }
        }
    }

    private static JsonObject Ensure(JsonObject parent, string name) => parent[name]?.AsObject() ?? (JsonObject)(parent[name] = new JsonObject());

    private static void Add(JsonObject parent, string name, JsonObject pairs)
    {
        var target = Ensure(parent, name);
        foreach (var (key, value) in pairs)
        {
            target[key] = value?.DeepClone();
        }
    }
}
