using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YeKuo.Deploy.Tests.Hosts;
using YeKuo.Deploy.Tests.Kustomize;

namespace YeKuo.Deploy.Tests.Manifests;

/// <summary>One <c>deploy/overlays/&lt;name&gt;</c>, built as <c>kubectl apply -k</c> would apply it, as typed Kubernetes objects.</summary>
public sealed class Overlay
{
    private Overlay(string name, IReadOnlyList<IKubernetesObject> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<IKubernetesObject> Objects { get; }

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    /// <summary>The host this overlay ships (its one Deployment), or null for the platform's overlay.</summary>
    public V1Deployment? Deployment => OfType<V1Deployment>().SingleOrDefault();

    public static IReadOnlyList<Overlay> All => LazyAll.Value;

    public static Overlay Named(string name) => All.Single(o => o.Name == name);

    public static IEnumerable<T> Everywhere<T>() => All.SelectMany(o => o.OfType<T>());

    private static readonly Lazy<IReadOnlyList<Overlay>> LazyAll = new(() =>
        Directory.EnumerateDirectories(RepositoryRoot.Combine("deploy", "overlays"))
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList());

    /// <summary>Builds the overlay and reads each resource strictly (an unknown field is an error) into its model type.</summary>
    public static Overlay Load(string directory) =>
        new(Path.GetFileName(directory), Kustomization.Build(directory).Select(Typed).ToList());

    private static IKubernetesObject Typed(JsonObject resource)
    {
        var objects = KubernetesYaml.LoadAllFromString(resource.ToJsonString(), strict: true);
        return objects is [IKubernetesObject typed]
            ? typed
            : throw new InvalidOperationException($"{resource["kind"]} {resource["metadata"]?["name"]} is not a known Kubernetes type.");
    }
}
