using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace YeKuo.Deploy.Tests.Hosts;

/// <summary>
/// Runs a host's own <c>Program</c> with the settings a deployment gives it, up to the moment it would start: its
/// services are built, its options validated and its telemetry configured, and nothing runs (no database migration, no
/// broker connection). Records every configuration key the host read on the way, so a manifest can be checked against
/// what the host actually reads.
/// </summary>
public sealed class HostProbe
{
    private readonly RecordingSource _recorder = new();

    private HostProbe()
    {
    }

    /// <summary>Configuration keys the host looked up (e.g. <c>ConnectionStrings:messaging</c>), case as asked.</summary>
    public IReadOnlySet<string> KeysRead => _recorder.Keys;

    /// <summary>Sections whose children the host enumerated or bound (e.g. <c>SchemeReview</c>).</summary>
    public IReadOnlySet<string> SectionsRead => _recorder.Sections;

    /// <summary>Why the host did not get to its start (a missing setting, a failed validation), or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// Whether the host reads <paramref name="environmentVariable"/> (an env name as a manifest spells it): it looked the
    /// key up, or it enumerated a section holding it (binding options, finding the services it is given).
    /// </summary>
    public bool Reads(string environmentVariable)
    {
        var key = EntryPoint.ConfigurationKeyOf(environmentVariable);
        return KeysRead.Contains(key) || SectionsRead.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase));
    }

    public static HostProbe Run(HostProject project, IReadOnlyDictionary<string, string> environment)
    {
        var probe = new HostProbe();
        IHost? built = null;
        var hooks = new EntryPoint.Hooks(
            Building: builder => builder.ConfigureServices(services => services.AddSingleton<IHostLifetime>(sp => new ProbeLifetime(sp))),
            Built: host => built = host,
            Configuration: probe._recorder);
        var thread = EntryPoint.Start(project, EntryPoint.SettingsOf(environment), hooks, failure =>
        {
            probe.Failure = failure switch
            {
                HostAbortedException => null,
                null => new InvalidOperationException($"{project.AssemblyName} returned without starting."),
                _ => failure,
            };
            built?.Dispose();
        });
        if (!thread.Join(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException($"{project.AssemblyName} did not get to its start within a minute.");
        }
        return probe;
    }

    /// <summary>What a start does first, without starting anything: bind and validate options, configure telemetry.</summary>
    private static void Inspect(IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        services.GetService<TracerProvider>();
        services.GetService<MeterProvider>();
        services.GetService<ILoggerFactory>()?.CreateLogger("probe");
    }

    /// <summary>Stands in for the console lifetime: when the host would start, inspect it and stop.</summary>
    private sealed class ProbeLifetime(IServiceProvider services) : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken)
        {
            Inspect(services);
            throw new HostAbortedException("Probed; not started.");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RecordingSource : ConfigurationProvider, IConfigurationSource
    {
        private readonly ConcurrentDictionary<string, bool> _keys = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, bool> _sections = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlySet<string> Keys => _keys.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

        public IReadOnlySet<string> Sections => _sections.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public override bool TryGet(string key, out string? value)
        {
            _keys.TryAdd(key, true);
            value = null;
            return false;
        }

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
        {
            if (parentPath is not null)
            {
                _sections.TryAdd(parentPath, true);
            }
            return earlierKeys;
        }
    }
}
