using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace YeKuo.Deploy.Tests.Kustomize;

/// <summary>
/// Builds a kustomization directory the way <c>kubectl apply -k</c> does, for the subset of kustomize that
/// <c>deploy/</c> uses: <c>resources</c> (files and directories), <c>configMapGenerator</c> (literals and files,
/// content-hash suffix unless disabled), <c>patches</c> (RFC 6902, by kind and name), <c>labels</c> (with
/// <c>includeSelectors</c>), <c>images</c>, <c>namePrefix</c>/<c>nameSuffix</c> with the references to renamed
/// resources updated, and <c>namespace</c>. Anything else in a kustomization fails the build, so a manifest never
/// relies on something this reader silently ignores. (The hash suffix is a content hash, not kustomize's exact value.)
/// </summary>
public static class Kustomization
{
    private static readonly HashSet<string> SupportedKeys =
        ["apiVersion", "kind", "resources", "configMapGenerator", "generatorOptions", "patches", "labels", "images", "namePrefix", "nameSuffix", "namespace"];

    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition", "IngressClass"];

    private const string HashAnnotation = "yekuo.test/needs-hash";

    public static IReadOnlyList<JsonObject> Build(string directory)
    {
        var resources = BuildLevel(Path.GetFullPath(directory));
        // Generated ConfigMaps get their content hash once, after every name change (as kustomize does).
        var renames = new List<(string Kind, string From, string To)>();
        foreach (var resource in resources.Where(r => r["metadata"]?["annotations"]?[HashAnnotation] is not null))
        {
            var annotations = resource["metadata"]!["annotations"]!.AsObject();
            annotations.Remove(HashAnnotation);
            if (annotations.Count == 0)
            {
                resource["metadata"]!.AsObject().Remove("annotations");
            }
            var name = NameOf(resource);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resource["data"]?.ToJsonString() ?? "")))[..10];
            resource["metadata"]!["name"] = $"{name}-{hash}";
            renames.Add((KindOf(resource), name, $"{name}-{hash}"));
        }
        References.Rename(resources, renames);
        return resources;
    }

    private static List<JsonObject> BuildLevel(string directory)
    {
        var file = new[] { "kustomization.yaml", "kustomization.yml", "Kustomization" }.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No kustomization in {directory}.");
        var kustomization = YamlJson.LoadDocuments(File.ReadAllText(file)).Single();
        if (kustomization.Select(p => p.Key).Where(k => !SupportedKeys.Contains(k)).ToList() is { Count: > 0 } unsupported)
        {
            throw new NotSupportedException($"{file}: {string.Join(", ", unsupported)} is not supported by this reader.");
        }

        var resources = new List<JsonObject>();
        foreach (var entry in Strings(kustomization["resources"]))
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry));
            resources.AddRange(Directory.Exists(path) ? BuildLevel(path) : YamlJson.LoadDocuments(File.ReadAllText(path)));
        }
        var hashGenerated = kustomization["generatorOptions"]?["disableNameSuffixHash"]?.GetValue<bool>() != true;
        foreach (var generator in Objects(kustomization["configMapGenerator"]))
        {
            resources.Add(GenerateConfigMap(directory, generator, hashGenerated));
        }
        foreach (var patch in Objects(kustomization["patches"]))
        {
            ApplyPatch(resources, patch);
        }
        foreach (var labels in Objects(kustomization["labels"]))
        {
            Labels.Apply(resources, labels["pairs"]!.AsObject(), labels["includeSelectors"]?.GetValue<bool>() == true);
        }
        foreach (var image in Objects(kustomization["images"]))
        {
            SetImage(resources, image);
        }

        var prefix = (string?)kustomization["namePrefix"] ?? "";
        var suffix = (string?)kustomization["nameSuffix"] ?? "";
        if (prefix.Length + suffix.Length > 0)
        {
            var renames = resources.Where(r => KindOf(r) != "Namespace")
                .Select(r => (Kind: KindOf(r), From: NameOf(r), To: prefix + NameOf(r) + suffix)).ToList();
            foreach (var resource in resources.Where(r => KindOf(r) != "Namespace"))
            {
                resource["metadata"]!["name"] = prefix + NameOf(resource) + suffix;
            }
            References.Rename(resources, renames);
        }

        if ((string?)kustomization["namespace"] is { } ns)
        {
            foreach (var resource in resources.Where(r => !ClusterScoped.Contains(KindOf(r))))
            {
                resource["metadata"]!["namespace"] = ns;
            }
            foreach (var subject in resources.Where(r => KindOf(r) == "RoleBinding").SelectMany(r => Objects(r["subjects"])).Where(s => (string?)s["kind"] == "ServiceAccount"))
            {
                subject["namespace"] = ns;
            }
        }
        return resources;
    }

    private static JsonObject GenerateConfigMap(string directory, JsonObject generator, bool hash)
    {
        var data = new JsonObject();
        foreach (var literal in Strings(generator["literals"]))
        {
            var separator = literal.IndexOf('=');
            if (separator <= 0)
            {
                throw new FormatException($"configMapGenerator literal '{literal}' is not KEY=VALUE.");
            }
            data.Add(literal[..separator], literal[(separator + 1)..]);
        }
        foreach (var file in Strings(generator["files"]))
        {
            data.Add(Path.GetFileName(file), File.ReadAllText(Path.Combine(directory, file)));
        }
        var metadata = new JsonObject { ["name"] = (string)generator["name"]! };
        if (hash)
        {
            metadata["annotations"] = new JsonObject { [HashAnnotation] = "true" };
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = data };
    }

    private static void ApplyPatch(List<JsonObject> resources, JsonObject patch)
    {
        var target = patch["target"]?.AsObject() ?? throw new NotSupportedException("Only patches with a target (RFC 6902) are supported.");
        var operations = YamlJson.Parse((string)patch["patch"]!) as JsonArray ?? throw new NotSupportedException("Only RFC 6902 patches are supported.");
        var matched = resources.Where(r => (string?)target["kind"] is not { } kind || kind == KindOf(r))
            .Where(r => (string?)target["name"] is not { } name || name == NameOf(r))
            .ToList();
        if (matched.Count == 0)
        {
            throw new InvalidOperationException($"Patch target {target.ToJsonString()} matches no resource.");
        }
        matched.ForEach(r => JsonPatch.Apply(r, operations));
    }

    private static void SetImage(List<JsonObject> resources, JsonObject image)
    {
        var name = (string)image["name"]!;
        foreach (var container in resources.SelectMany(PodTemplate.Containers))
        {
            var current = (string)container["image"]!;
            var (repository, tag) = ImageReference.Split(current);
            if (repository != name)
            {
                continue;
            }
            var newName = (string?)image["newName"] ?? repository;
            var newTag = (string?)image["newTag"] ?? tag;
            container["image"] = newTag is null ? newName : $"{newName}:{newTag}";
        }
    }

    internal static string KindOf(JsonObject resource) => (string)resource["kind"]!;

    internal static string NameOf(JsonObject resource) => (string)resource["metadata"]!["name"]!;

    internal static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray array ? array.Select(n => n!.AsObject()) : [];

    private static IEnumerable<string> Strings(JsonNode? node) => node is JsonArray array ? array.Select(n => (string)n!) : [];
}
