using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

[assembly: HostingStartup(typeof(YeKuo.Deploy.Tests.Hosts.EntryPoint.RecorderStartup))]

namespace YeKuo.Deploy.Tests.Hosts;

/// <summary>
/// Runs a host's own <c>Program</c> (its assembly's entry point) in this process on a thread of its own, with settings as
/// command-line arguments (the same keys its environment variables would give), and hooks into its hosting events:
/// when its host is being built, when it is built, and its configuration (a source added after all others).
/// </summary>
internal static class EntryPoint
{
    private static readonly AsyncLocal<Hooks?> Current = new();

    static EntryPoint() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());

    public sealed record Hooks(Action<IHostBuilder>? Building = null, Action<IHost>? Built = null, IConfigurationSource? Configuration = null);

    /// <summary>Starts the host's Program; <paramref name="exited"/> gets what it threw (null when it returned).</summary>
    public static Thread Start(HostProject project, IReadOnlyDictionary<string, string> settings, Hooks hooks, Action<Exception?> exited)
    {
        var all = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase)
        {
            ["applicationName"] = project.AssemblyName,
            ["contentRoot"] = project.ProjectDirectory,
            ["hostingStartupAssemblies"] = typeof(EntryPoint).Assembly.GetName().Name!,
        };
        all.TryAdd("environment", "Production");
        var args = all.Select(s => $"--{s.Key}={s.Value}").ToArray();
        var entryPoint = project.Assembly.EntryPoint ?? throw new InvalidOperationException($"{project.AssemblyName} has no entry point.");
        var thread = new Thread(() =>
        {
            Current.Value = hooks;
            Exception? failure = null;
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
            }
            catch (TargetInvocationException ex)
            {
                failure = ex.InnerException ?? ex;
            }
            exited(failure);
        })
        {
            Name = project.AssemblyName,
            IsBackground = true,
        };
        thread.Start();
        return thread;
    }

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

    public static Dictionary<string, string> SettingsOf(IReadOnlyDictionary<string, string> environment) =>
        environment.ToDictionary(e => ConfigurationKeyOf(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Loaded through <c>--hostingStartupAssemblies</c>: adds the hooks' configuration source after all others.</summary>
    public sealed class RecorderStartup : IHostingStartup
    {
        public void Configure(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration((_, configuration) =>
            {
                if (Current.Value?.Configuration is { } source)
                {
                    configuration.Add(source);
                }
            });
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
            if (Current.Value is not { } hooks)
            {
                return;
            }
            switch (hostingEvent)
            {
                case { Key: "HostBuilding", Value: IHostBuilder builder }:
                    hooks.Building?.Invoke(builder);
                    break;
                case { Key: "HostBuilt", Value: IHost host }:
                    hooks.Built?.Invoke(host);
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
}
