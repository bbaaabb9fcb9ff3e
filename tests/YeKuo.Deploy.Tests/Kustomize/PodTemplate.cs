using System.Text.Json.Nodes;

namespace YeKuo.Deploy.Tests.Kustomize;

/// <summary>The pod template of a workload (Deployment, StatefulSet) and its containers.</summary>
internal static class PodTemplate
{
    private static readonly HashSet<string> Workloads = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

    public static JsonObject? SpecOf(JsonObject resource) =>
        Workloads.Contains(Kustomization.KindOf(resource)) ? resource["spec"]?["template"]?["spec"]?.AsObject() : null;

    public static IEnumerable<JsonObject> Containers(JsonObject resource) =>
        SpecOf(resource) is { } spec ? Kustomization.Objects(spec["initContainers"]).Concat(Kustomization.Objects(spec["containers"])) : [];
}

/// <summary><c>registry/repository:tag</c>, split as container runtimes do.</summary>
public static class ImageReference
{
    public static (string Name, string? Tag) Split(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    /// <summary>The repository without its registry: <c>registry.example.cn/yekuo/web:1.0</c> → <c>yekuo/web</c>.</summary>
    public static string RepositoryOf(string image)
    {
        var name = Split(image).Name;
        var first = name.Split('/')[0];
        var hasRegistry = name.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost");
        return hasRegistry ? name[(first.Length + 1)..] : name;
    }
}
