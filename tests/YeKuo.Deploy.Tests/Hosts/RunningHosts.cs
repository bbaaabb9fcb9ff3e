using System.Text.RegularExpressions;
using YeKuo.Deploy.Tests.Manifests;

namespace YeKuo.Deploy.Tests.Hosts;

/// <summary>
/// Every deployed host running in this process with its manifest's settings (local stand-ins for the cluster, see
/// <see cref="DeployedHost.LocalEnvironment"/>) in Development; a host that is given another's address
/// (<c>services__&lt;name&gt;__http__0</c>) is started after it and pointed at it. Where two need each other (the
/// gateway routes pages to the web front end, which calls the APIs through the gateway), the one that needs fewer hosts
/// not yet started goes first and keeps the manifest's address for the other.
/// </summary>
public sealed partial class RunningHosts : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("yekuo-deploy-tests-").FullName;
    private readonly List<RunningHost> _hosts = [];

    public IReadOnlyList<RunningHost> All => _hosts;

    public RunningHost Named(string name) => _hosts.Single(h => h.Project.Name == name);

    public async Task InitializeAsync()
    {
        var pending = DeployedHost.All.ToList();
        while (pending.Count > 0)
        {
            int Waiting(DeployedHost host) => Dependencies(host).Count(d => pending.Any(p => p.Project.Name == d));
            var ready = pending.Where(h => Waiting(h) == 0).ToList();
            if (ready.Count == 0)
            {
                ready = [pending.MinBy(Waiting)!];
            }
            foreach (var host in ready)
            {
                var environment = host.LocalEnvironment(_data);
                environment["ASPNETCORE_ENVIRONMENT"] = "Development";
                // The broker that is not there would fill the test log with retries.
                environment["Logging__LogLevel__Default"] = "Error";
                foreach (var key in environment.Keys.Where(k => ServiceAddress().IsMatch(k)).ToList())
                {
                    if (_hosts.SingleOrDefault(r => r.Project.Name == ServiceAddress().Match(key).Groups[1].Value) is { } target)
                    {
                        environment[key] = target.Address.ToString().TrimEnd('/');
                    }
                }
                _hosts.Add(await RunningHost.StartAsync(host.Project, environment));
                pending.Remove(host);
            }
        }
    }

    private static IEnumerable<string> Dependencies(DeployedHost host) =>
        host.Container.Env.Select(e => e.Name).Concat(host.Environment(_ => "").Keys)
            .Select(k => ServiceAddress().Match(k)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct();

    public async Task DisposeAsync()
    {
        // Those that call others first.
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [GeneratedRegex(@"^services__([a-z0-9-]+)__https?__\d+$")]
    private static partial Regex ServiceAddress();
}
