using k8s.Models;
using YeKuo.Deploy.Tests.Hosts;
using YeKuo.Deploy.Tests.Kustomize;

namespace YeKuo.Deploy.Tests.Manifests;

/// <summary>A host's overlay with the project whose image it deploys (matched by the image's repository).</summary>
public sealed record DeployedHost(Overlay Overlay, HostProject Project)
{
    public V1Deployment Deployment => Overlay.Deployment!;

    public V1Container Container => Deployment.Spec.Template.Spec.Containers.Single();

    public override string ToString() => Overlay.Name;

    public static IReadOnlyList<DeployedHost> All => LazyAll.Value;

    public static IEnumerable<object[]> Names => All.Select(h => new object[] { h.Overlay.Name });

    public static DeployedHost Named(string overlay) => All.Single(h => h.Overlay.Name == overlay);

    private static readonly Lazy<IReadOnlyList<DeployedHost>> LazyAll = new(() =>
        Overlay.All.Where(o => o.Deployment is not null)
            .Select(o => new DeployedHost(o, HostProject.All.SingleOrDefault(p => p.Repository == RepositoryOf(o))
                ?? throw new InvalidOperationException($"deploy/overlays/{o.Name} deploys {RepositoryOf(o)}, which no project builds.")))
            .ToList());

    private static string RepositoryOf(Overlay overlay) =>
        ImageReference.RepositoryOf(overlay.Deployment!.Spec.Template.Spec.Containers.Single().Image);

    /// <summary>
    /// The environment Kubernetes gives the container: its env entries and the ConfigMaps it reads (from any overlay,
    /// e.g. the platform's), secrets as <paramref name="secretValue"/> says (by secret key), field references as placeholders.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(Func<string, string> secretValue)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Container.EnvFrom ?? [])
        {
            var configMap = ConfigMap(source.ConfigMapRef?.Name ?? throw new NotSupportedException("Only ConfigMaps are read with envFrom here."));
            foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
            {
                environment[(source.Prefix ?? "") + key] = value;
            }
        }
        foreach (var variable in Container.Env ?? [])
        {
            environment[variable.Name] = variable switch
            {
                { Value: { } value } => value,
                { ValueFrom.SecretKeyRef: { } secret } => secretValue(secret.Key),
                { ValueFrom.ConfigMapKeyRef: { } key } => ConfigMap(key.Name).Data[key.Key],
                { ValueFrom.FieldRef: { } field } => $"<{field.FieldPath}>",
                _ => throw new NotSupportedException($"{variable.Name}: unsupported source."),
            };
        }
        return environment;
    }

    /// <summary>
    /// The manifest's environment on one machine without the cluster: SQL Server becomes a SQLite file in
    /// <paramref name="dataDirectory"/> (named after the connection), the broker and Redis addresses where nothing
    /// listens (a host must come up without them), and no telemetry collector.
    /// </summary>
    public Dictionary<string, string> LocalEnvironment(string dataDirectory)
    {
        var environment = Environment(key => key switch
        {
            // Nothing listens there (liveness needs neither); credentials of the shape production requires.
            "rabbitmq" => "amqp://department:example@127.0.0.1:1/",
            "redis" => "127.0.0.1:1,password=example",
            _ => "",
        }).ToDictionary();
        foreach (var variable in Container.Env.Where(e => e.ValueFrom?.SecretKeyRef?.Key == "sqlserver"))
        {
            environment[variable.Name] = $"Data Source={dataDirectory.TrimEnd('/')}/{variable.Name.Split("__")[^1]}.db";
        }
        if (environment.ContainsKey("Database__Provider"))
        {
            environment["Database__Provider"] = "Sqlite";
        }
        environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return environment;
    }

    public static V1ConfigMap ConfigMap(string name) =>
        Overlay.Everywhere<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == name)
        ?? throw new InvalidOperationException($"No overlay defines the ConfigMap {name}.");
}
