using System.Text.RegularExpressions;
using k8s.Models;
using YeKuo.Deploy.Tests.Hosts;
using YeKuo.Deploy.Tests.Kustomize;
using YeKuo.Deploy.Tests.Manifests;

namespace YeKuo.Deploy.Tests;

/// <summary>
/// deploy/ against the code: every overlay builds into valid Kubernetes objects, deploys the image its project
/// publishes, on the image's port and user, probed where the host answers, and gives the host exactly the settings it
/// reads (each host's own Program is run with them up to its start, see <see cref="HostProbe"/>).
/// </summary>
public sealed partial class ManifestTests
{
    /// <summary>What a department's secret holds in production, in the shape the host parses (values are examples).</summary>
    private static string ProductionSecret(string key) => key switch
    {
        "sqlserver" => "Server=tcp:sqlserver.example.cn,1433;Database=yekuo;User Id=yekuo;Password=example;Encrypt=true",
        "rabbitmq" => "amqp://department:example@rabbitmq:5672/",
        "redis" => "redis.example.cn:6380,password=example,ssl=true",
        _ => throw new InvalidOperationException($"A secret key no department secret has: {key}."),
    };

    [Fact]
    public void Every_overlay_builds_into_strictly_valid_objects_in_one_namespace_and_no_two_overlays_own_the_same_object()
    {
        Assert.NotEmpty(Overlay.All);
        var owners = new Dictionary<string, string>();
        foreach (var overlay in Overlay.All)
        {
            Assert.NotEmpty(overlay.Objects);
            foreach (var resource in overlay.Objects)
            {
                var metadata = ((IMetadata<V1ObjectMeta>)resource).Metadata;
                if (resource is not V1Namespace)
                {
                    Assert.True(metadata.NamespaceProperty == "yekuo", $"{overlay.Name}: {resource.Kind} {metadata.Name} is not in the yekuo namespace.");
                }
                // A department's `kubectl apply -k` must never overwrite what another one shipped.
                var id = $"{resource.Kind}/{metadata.Name}";
                Assert.False(owners.TryGetValue(id, out var other), $"{id} is in both deploy/overlays/{other} and deploy/overlays/{overlay.Name}.");
                owners[id] = overlay.Name;
            }
        }
    }

    [Fact]
    public void Every_project_that_publishes_an_image_has_exactly_one_overlay_deploying_it()
    {
        Assert.NotEmpty(HostProject.All);
        foreach (var project in HostProject.All)
        {
            Assert.Single(DeployedHost.All, h => h.Project == project);
        }
        Assert.Equal(HostProject.All.Count, DeployedHost.All.Count);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_runs_its_self_contained_image_as_the_image_user_on_the_image_port(string overlay)
    {
        var host = DeployedHost.Named(overlay);
        var project = host.Project;
        Assert.True(project.SelfContained, $"{project.AssemblyName} does not publish self-contained: the runtime-deps base has no .NET runtime.");
        Assert.Equal("linux-x64", project.RuntimeIdentifier);

        var (_, tag) = ImageReference.Split(host.Container.Image);
        Assert.False(tag is null or "latest", $"{overlay}: pin an image tag (not latest) so a rollout is a known version.");
        var port = Assert.Single(host.Container.Ports);
        Assert.Equal(Assert.Single(project.Ports), port.ContainerPort);

        var pod = host.Deployment.Spec.Template.Spec.SecurityContext;
        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(project.User, pod.RunAsUser?.ToString());
        Assert.NotEqual("0", project.User);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile?.Type);
        var container = host.Container.SecurityContext;
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.False(host.Deployment.Spec.Template.Spec.AutomountServiceAccountToken);

        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(host.Container.Resources.Requests.ContainsKey(resource), $"{overlay}: no {resource} request.");
            Assert.True(host.Container.Resources.Limits.ContainsKey(resource), $"{overlay}: no {resource} limit.");
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_is_probed_on_the_health_endpoints_its_image_declares(string overlay)
    {
        // That the host answers on them: RunningHostTests and ContainerImageTests.
        var host = DeployedHost.Named(overlay);
        var liveness = host.Container.LivenessProbe.HttpGet;
        var readiness = host.Container.ReadinessProbe.HttpGet;
        var startup = host.Container.StartupProbe.HttpGet;
        Assert.Equal(host.Project.LivenessPath, liveness.Path);
        Assert.Equal(host.Project.LivenessPath, startup.Path);
        Assert.Equal(host.Project.ReadinessPath, readiness.Path);
        foreach (var port in new[] { liveness.Port, readiness.Port, startup.Port })
        {
            Assert.Contains(host.Container.Ports, p => p.Name == port.Value || p.ContainerPort.ToString() == port.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_is_given_every_setting_it_needs_and_none_it_does_not_read(string overlay)
    {
        var host = DeployedHost.Named(overlay);
        var environment = host.Environment(ProductionSecret);
        var probe = HostProbe.Run(host.Project, environment);

        // Everything it needs: with these settings (and the image's defaults) its Program gets to its start.
        Assert.True(probe.Failure is null, $"{overlay} does not start with its manifest's settings: {probe.Failure}");

        // Nothing it ignores: every variable is one the host reads, or one the manifest uses in another's value ($(POD_NAME)).
        var referenced = environment.Values.SelectMany(v => KubernetesReference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet();
        var unread = environment.Keys.Where(name => !referenced.Contains(name) && !probe.Reads(name)).ToList();
        Assert.True(unread.Count == 0, $"{overlay} is given settings it never reads: {string.Join(", ", unread)}.");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_gets_its_connection_strings_from_secrets_and_runs_on_SQL_Server_when_it_has_a_database(string overlay)
    {
        var host = DeployedHost.Named(overlay);
        var environment = host.Environment(ProductionSecret);
        var probe = HostProbe.Run(host.Project, environment);
        Assert.Null(probe.Failure);

        var connectionStrings = probe.KeysRead.Where(k => k.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var name in environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
        {
            var variable = host.Container.Env.SingleOrDefault(e => e.Name == name);
            Assert.True(variable?.ValueFrom?.SecretKeyRef is not null, $"{overlay}: {name} must come from a secret, never from a ConfigMap or the manifest.");
        }
        if (probe.KeysRead.Contains("Database:Provider"))
        {
            Assert.Equal("SqlServer", environment["Database__Provider"]);
            // Its own database: the connection string it asks for besides the broker and the cache.
            var database = connectionStrings.Where(k => !k.EndsWith(":messaging", StringComparison.OrdinalIgnoreCase) && !k.EndsWith(":cache", StringComparison.OrdinalIgnoreCase)).ToList();
            var own = Assert.Single(database);
            Assert.True(environment.ContainsKey(own.Replace(":", "__")), $"{overlay} reads {own}, which its manifest does not give.");
        }
        if (probe.KeysRead.Contains("ConnectionStrings:messaging"))
        {
            Assert.StartsWith("amqp://", environment["ConnectionStrings__messaging"]);
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_names_its_telemetry_after_its_image(string overlay)
    {
        var host = DeployedHost.Named(overlay);
        // The partner CloudEvents' source (/yekuo/<service>) and every span's service come from this name.
        Assert.Equal(host.Project.Name, host.Environment(ProductionSecret)["OTEL_SERVICE_NAME"]);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void A_host_is_reachable_through_its_Service_and_scaled_and_protected_as_one(string overlay)
    {
        var host = DeployedHost.Named(overlay);
        var labels = host.Deployment.Spec.Template.Metadata.Labels;
        Assert.True(Selects(host.Deployment.Spec.Selector.MatchLabels, labels));

        var service = Assert.Single(host.Overlay.OfType<V1Service>());
        Assert.True(Selects(service.Spec.Selector, labels));
        // No other host's pods answer behind this Service.
        Assert.All(DeployedHost.All.Where(h => h != host), other => Assert.False(Selects(service.Spec.Selector, other.Deployment.Spec.Template.Metadata.Labels)));
        Assert.All(service.Spec.Ports, p => Assert.Contains(host.Container.Ports, c => c.Name == p.TargetPort.Value || c.ContainerPort.ToString() == p.TargetPort.Value));

        var autoscaler = Assert.Single(host.Overlay.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal(("Deployment", host.Deployment.Metadata.Name), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        Assert.InRange(autoscaler.Spec.MinReplicas ?? 1, 1, autoscaler.Spec.MaxReplicas);

        var budget = Assert.Single(host.Overlay.OfType<V1PodDisruptionBudget>());
        Assert.True(Selects(budget.Spec.Selector.MatchLabels, labels));
        Assert.All(DeployedHost.All.Where(h => h != host), other => Assert.False(Selects(budget.Spec.Selector.MatchLabels, other.Deployment.Spec.Template.Metadata.Labels)));
    }

    [Fact]
    public void Every_service_address_a_host_is_given_leads_to_the_Service_of_that_host()
    {
        var addresses = DeployedHost.All.SelectMany(h => h.Environment(ProductionSecret).Where(e => ServiceAddress().IsMatch(e.Key)).Select(e => (Host: h, e.Key, e.Value))).ToList();
        Assert.NotEmpty(addresses);
        foreach (var (from, key, value) in addresses)
        {
            var target = ServiceAddress().Match(key).Groups[1].Value;
            var uri = new Uri(value);
            var service = Overlay.Everywhere<V1Service>().SingleOrDefault(s => s.Metadata.Name == uri.Host);
            Assert.True(service is not null, $"{from}: {key}={value} names no Service.");
            Assert.Contains(service.Spec.Ports, p => p.Port == uri.Port);
            var reached = DeployedHost.All.Single(h => Selects(service.Spec.Selector, h.Deployment.Spec.Template.Metadata.Labels));
            Assert.Equal(target, reached.Project.Name);
        }
    }

    [Fact]
    public void The_gateway_is_the_only_way_in_from_outside()
    {
        var ingress = Assert.Single(Overlay.Everywhere<V1Ingress>());
        var backends = ingress.Spec.Rules.SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service.Name).Distinct().ToList();
        var gateway = DeployedHost.All.Single(h => h.Overlay.OfType<V1Ingress>().Any());
        Assert.Equal([Assert.Single(gateway.Overlay.OfType<V1Service>()).Metadata.Name], backends);
        Assert.All(Overlay.Everywhere<V1Service>(), s => Assert.True(s.Spec.Type is null or "ClusterIP", $"{s.Metadata.Name} is exposed as {s.Spec.Type}."));
        Assert.NotEmpty(ingress.Spec.Tls);
    }

    [Fact]
    public void RabbitMQ_runs_as_a_three_node_cluster_with_quorum_queues_by_default()
    {
        var broker = Assert.Single(Overlay.Everywhere<V1StatefulSet>());
        Assert.Equal(3, broker.Spec.Replicas);
        var config = DeployedHost.ConfigMap(broker.Spec.Template.Spec.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Name).Data["rabbitmq.conf"];
        Assert.Matches(@"(?m)^default_queue_type\s*=\s*quorum$", config);
        Assert.Matches(@"(?m)^cluster_formation\.peer_discovery_backend\s*=\s*k8s$", config);
        var budget = Overlay.Everywhere<V1PodDisruptionBudget>().Single(b => Selects(b.Spec.Selector.MatchLabels, broker.Spec.Template.Metadata.Labels));
        // A quorum needs two of three: at most one node down at a time.
        Assert.Equal("1", budget.Spec.MaxUnavailable?.Value);
        Assert.True(broker.Spec.Template.Spec.SecurityContext.RunAsNonRoot);

        var clients = Overlay.Everywhere<V1Service>().Single(s => s.Spec.ClusterIP != "None" && Selects(s.Spec.Selector, broker.Spec.Template.Metadata.Labels));
        Assert.Contains(clients.Spec.Ports, p => p.Port == 5672);
    }

    public static IEnumerable<object[]> Hosts => DeployedHost.Names;

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubernetesReference();

    [GeneratedRegex(@"^services__([a-z0-9-]+)__https?__\d+$")]
    private static partial Regex ServiceAddress();
}
