using System.Text.Json.Nodes;

namespace YeKuo.Deploy.Tests.Kustomize;

/// <summary>
/// After resources are renamed (prefix, suffix, content hash), whatever refers to them by name follows, as kustomize's
/// name-reference transformer does; references to resources outside the build (a secret, a shared ConfigMap) stay.
/// </summary>
internal static class References
{
    public static void Rename(IReadOnlyList<JsonObject> resources, IReadOnlyList<(string Kind, string From, string To)> renames)
    {
        if (renames.Count == 0)
        {
            return;
        }
        string? NewName(string kind, string? name) => renames.FirstOrDefault(r => r.Kind == kind && r.From == name).To;
        void Follow(JsonObject? holder, string property, string kind)
        {
            if (holder is not null && NewName(kind, (string?)holder[property]) is { } renamed)
            {
                holder[property] = renamed;
            }
        }

        foreach (var resource in resources)
        {
            var spec = resource["spec"]?.AsObject();
            if (PodTemplate.SpecOf(resource) is { } pod)
            {
                Follow(pod, "serviceAccountName", "ServiceAccount");
                foreach (var container in PodTemplate.Containers(resource))
                {
                    foreach (var source in Kustomization.Objects(container["envFrom"]))
                    {
                        Follow(source["configMapRef"]?.AsObject(), "name", "ConfigMap");
                        Follow(source["secretRef"]?.AsObject(), "name", "Secret");
                    }
                    foreach (var variable in Kustomization.Objects(container["env"]))
                    {
                        Follow(variable["valueFrom"]?["configMapKeyRef"]?.AsObject(), "name", "ConfigMap");
                        Follow(variable["valueFrom"]?["secretKeyRef"]?.AsObject(), "name", "Secret");
                    }
                }
                foreach (var volume in Kustomization.Objects(pod["volumes"]))
                {
                    Follow(volume["configMap"]?.AsObject(), "name", "ConfigMap");
                    Follow(volume["secret"]?.AsObject(), "secretName", "Secret");
                }
            }
            switch (Kustomization.KindOf(resource))
            {
                case "StatefulSet":
                    Follow(spec, "serviceName", "Service");
                    break;
                case "HorizontalPodAutoscaler" when (spec?["scaleTargetRef"]) is JsonObject target:
                    Follow(target, "name", (string)target["kind"]!);
                    break;
                case "Ingress":
                    Follow(spec?["defaultBackend"]?["service"]?.AsObject(), "name", "Service");
                    foreach (var path in Kustomization.Objects(spec?["rules"]).SelectMany(r => Kustomization.Objects(r["http"]?["paths"])))
                    {
                        Follow(path["backend"]?["service"]?.AsObject(), "name", "Service");
                    }
                    break;
                case "RoleBinding" or "ClusterRoleBinding":
                    Follow(resource["roleRef"]?.AsObject(), "name", (string)resource["roleRef"]!["kind"]!);
                    foreach (var subject in Kustomization.Objects(resource["subjects"]).Where(s => (string?)s["kind"] == "ServiceAccount"))
                    {
                        Follow(subject, "name", "ServiceAccount");
                    }
                    break;
            }
        }
    }
}
