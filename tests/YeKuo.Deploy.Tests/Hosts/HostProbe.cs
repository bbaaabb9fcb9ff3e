using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

[assembly: HostingStartup(typeof(YeKuo.Deploy.Tests.Hosts.HostProbe.RecorderStartup))]

namespace YeKuo.Deploy.Tests.Hosts;

/// <summary>
/// Runs a host's own <c>Program</c> with the settings a deployment gives it, up to the moment it would start: its
/// services are built, its options validated and its telemetry configured, and nothing runs
/// (no database migration, no broker connection). Records every configuration key the host read on the way, so a
/// manifest can be checked against what the host actually reads.
/// </summary>
public sealed class HostProbe
{
    private static readonly AsyncLocal<HostProbe?> Current = new();

    static HostProbe() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    private readonly RecordingSource _recorder = new();
    private IHost? _host;

    /// <summary>Configuration keys the host looked up (e.g. <c>ConnectionStrings:messaging</c>), case as asked.</summary>
    public IReadOnlySet<string> KeysRead => _recorder.Keys;

    /// <summary>Sections whose children the host enumerated or bound (e.g. <c>SchemeReview</c>).</summary>
    public IReadOnlySet<string> SectionsRead => _recorder.Sections;

    /// <summary>Why the host did not get to its start (a missing setting, a failed validation), or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Whether the host reads <paramref name="environmentVariable"/> (an env name as a manifest spells it).</summary>
    public bool Reads(string environmentVariable) =>
        KeysRead.Contains(ConfigurationKeyOf(environmentVariable)) || SectionsRead.Contains(ConfigurationKeyOf(environmentVariable));

    /// <summary><c>ConnectionStrings__messaging</c> → <c>ConnectionStrings:messaging</c>; <c>ASPNETCORE_URLS</c> → <c>URLS</c>.</summary>
    public static string ConfigurationKeyOf(string environmentVariable)
    {
        foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
        {
            if (environmentVariable.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return environmentVariable[prefix.Length..].Replace("__", ":");
            }
        }
        return environmentVariable.Replace("__", ":");
    }

    public static HostProbe Run(HostProject project, IReadOnlyDictionary<string, string> environment)
    {
        var probe = new HostProbe();
        var settings = environment.ToDictionary(e => ConfigurationKeyOf(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);
        settings.TryAdd("environment", "Production");
        settings["applicationName"] = project.AssemblyName;
        settings["contentRoot"] = project.ProjectDirectory;
        settings["hostingStartupAssemblies"] = typeof(HostProbe).Assembly.GetName().Name!;
        var args = settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

        var entryPoint = project.Assembly.EntryPoint ?? throw new InvalidOperationException($"{project.AssemblyName} has no entry point.");
        var thread = new Thread(() =>
        {
            Current.Value = probe;
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
                probe.Failure = new InvalidOperationException($"{project.AssemblyName} returned without starting.");
            }
            catch (TargetInvocationException ex) when (ex.InnerException is HostAbortedException)
            {
            }
            catch (TargetInvocationException ex)
            {
                probe.Failure = ex.InnerException ?? ex;
            }
            finally
            {
                probe._host?.Dispose();
            }
        });
        thread.Start();
        if (!thread.Join(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException($"{project.AssemblyName} did not get to its start within a minute.");
        }
        return probe;
    }

    /// <summary>What a start does first, without starting anything: bind and validate options, configure telemetry.</summary>
    private void Inspect(IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        services.GetService<TracerProvider>();
        services.GetService<MeterProvider>();
        services.GetService<ILoggerFactory>()?.CreateLogger("probe");
    }

    /// <summary>Loaded through <c>--hostingStartupAssemblies</c>: puts the recorder last, so every key lookup passes it first.</summary>
    public sealed class RecorderStartup : IHostingStartup
    {
        public void Configure(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration((_, configuration) =>
            {
                if (Current.Value is { } probe)
                {
                    configuration.Add(probe._recorder);
                }
            });
    }

    /// <summary>Stands in for the console lifetime: when the host would start, inspect it and stop.</summary>
    private sealed class ProbeLifetime(IServiceProvider services, HostProbe probe) : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken)
        {
            probe.Inspect(services);
            throw new HostAbortedException("Probed; not started.");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> hostingEvent)
        {
            if (Current.Value is not { } probe)
            {
                return;
            }
            switch (hostingEvent)
            {
                case { Key: "HostBuilding", Value: IHostBuilder builder }:
                    builder.ConfigureServices(services => services.AddSingleton<IHostLifetime>(sp => new ProbeLifetime(sp, probe)));
                    break;
                case { Key: "HostBuilt", Value: IHost host }:
                    probe._host = host;
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
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
