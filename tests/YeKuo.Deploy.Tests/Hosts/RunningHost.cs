using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace YeKuo.Deploy.Tests.Hosts;

/// <summary>A host's own <c>Program</c> running in this process on a free loopback port, until disposed.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly Thread _thread;
    private readonly IHost _host;

    private RunningHost(HostProject project, Thread thread, IHost host, Uri address)
    {
        Project = project;
        _thread = thread;
        _host = host;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HostProject Project { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<RunningHost> StartAsync(HostProject project, IReadOnlyDictionary<string, string> environment)
    {
        var settings = EntryPoint.SettingsOf(environment);
        settings["urls"] = "http://127.0.0.1:0";
        settings.Remove("HTTP_PORTS");
        var started = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = EntryPoint.Start(project, settings,
            new EntryPoint.Hooks(Built: host => host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult(host))),
            failure => started.TrySetException(failure ?? new InvalidOperationException($"{project.AssemblyName} stopped.")));
        var host = await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(project, thread, host, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await Task.Run(() => _thread.Join(TimeSpan.FromSeconds(45)));
        _host.Dispose();
    }
}
