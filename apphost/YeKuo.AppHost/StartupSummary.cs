using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace YeKuo.AppHost;

public static class StartupSummaryExtensions
{
    /// <summary>Prints where to go, one named line each, once the gateway and the web front end report healthy.</summary>
    public static void PrintAddressesWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway,
        IResourceBuilder<ProjectResource> web, IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddSingleton(services => new StartupSummary(
                services.GetRequiredService<ResourceNotificationService>(), services.GetRequiredService<IConfiguration>(),
                services.GetRequiredService<DistributedApplicationModel>(), services.GetRequiredService<IHostApplicationLifetime>(),
                gateway.Resource, web.Resource, messaging.Resource));
            // From before the resources are made, not as a hosted service: those start only once the orchestrator has
            // started every resource, too late to tell what a slow start waits for.
            builder.Eventing.Subscribe<BeforeStartEvent>((start, cancellationToken) =>
            {
                start.Services.GetRequiredService<StartupSummary>().Start();
                return Task.CompletedTask;
            });
        }
    }
}

/// <summary>
/// The lines a developer looks for after <c>./run.sh</c>: the gateway, the web front end (behind the gateway), the
/// dashboard with its one-click login link, and the broker's <c>amqp://</c> address.
/// </summary>
internal sealed class StartupSummary(ResourceNotificationService notifications, IConfiguration configuration,
    DistributedApplicationModel model, IHostApplicationLifetime lifetime,
    ProjectResource gateway, ProjectResource web, IResourceWithConnectionString messaging) : IDisposable
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(20);

    // Ends the wait when the application stops or its services are disposed (an application built and never run).
    private readonly CancellationTokenSource _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);

    public void Start() => _ = RunAsync(_stopping.Token);

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PrintWhenReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"[yekuo] could not print the addresses: {ex.Message}");
        }
    }

    private async Task PrintWhenReadyAsync(CancellationToken stoppingToken)
    {
        // A graph trimmed to a few resources (the progress bench runs Acceptance alone) has no front door to print;
        // waiting for a resource that is not in the model would fail and stop the whole host.
        if (!model.Resources.Contains(gateway) || !model.Resources.Contains(web))
        {
            return;
        }
        var ready = WaitForFrontDoorAsync(stoppingToken);
        await ReportProgressUntilAsync(ready, stoppingToken);
        await ready;

        var gatewayUrl = gateway.GetEndpoint("http").Url;
        var broker = await messaging.ConnectionStringExpression.GetValueAsync(stoppingToken);
        var lines = new List<string>
        {
            $"gateway:   {gatewayUrl}",
            $"web:       {gatewayUrl}/ (the front end, through the gateway; sign in at {gatewayUrl}/signin)",
        };
        if (DashboardLoginUrl() is { } dashboard)
        {
            lines.Add($"dashboard: {dashboard}");
        }
        var management = messaging is IResourceWithEndpoints withEndpoints
            && withEndpoints.TryGetEndpoints(out var endpoints) && endpoints.Any(e => e.Name == "management")
            ? $" (management UI {withEndpoints.GetEndpoint("management").Url}/, guest/guest)"
            : "";
        lines.Add($"broker:    {broker}{management}");
        Console.WriteLine();
        foreach (var line in lines)
        {
            Console.WriteLine($"[yekuo] {line}");
        }
        Console.WriteLine($"[yekuo] ready: every service healthy {SinceStart().TotalSeconds:0.0} s after the AppHost started. Ctrl+C stops everything.");
        Console.WriteLine();
    }

    private async Task WaitForFrontDoorAsync(CancellationToken stoppingToken)
    {
        await notifications.WaitForResourceHealthyAsync(gateway.Name, stoppingToken);
        await notifications.WaitForResourceHealthyAsync(web.Name, stoppingToken);
    }

    /// <summary>
    /// Until <paramref name="ready"/>, says every <see cref="ProgressInterval"/> which resources are not running and healthy
    /// yet, with their state: a first start (RabbitMQ's node, the databases' migrations) can take a minute, and a start
    /// that never ends then says where it stopped.
    /// </summary>
    private async Task ReportProgressUntilAsync(Task ready, CancellationToken stoppingToken)
    {
        var latest = new ConcurrentDictionary<string, CustomResourceSnapshot>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watching = WatchAsync(latest, stopWatching.Token);
        using var timer = new PeriodicTimer(ProgressInterval);
        while (!ready.IsCompleted && await Task.WhenAny(ready, timer.WaitForNextTickAsync(stoppingToken).AsTask()) != ready
            && !stoppingToken.IsCancellationRequested)
        {
            // No resource has a state yet: nothing is being started (an application built but not run), nothing to say.
            if (latest.IsEmpty)
            {
                continue;
            }
            var waiting = latest.Where(r => !r.Value.IsHidden && !IsReady(r.Value))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => $"{r.Key} ({Describe(r.Value)})")
                .ToList();
            Console.WriteLine($"[yekuo] starting, {SinceStart().TotalSeconds:0} s: " +
                (waiting.Count > 0 ? $"waiting for {string.Join(", ", waiting)}" : "waiting for the gateway's and the web front end's health"));
        }
        await stopWatching.CancelAsync();
        await watching;
    }

    private async Task WatchAsync(ConcurrentDictionary<string, CustomResourceSnapshot> latest, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                latest[update.Resource.Name] = update.Snapshot;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan SinceStart() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    private static bool IsReady(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus is null or HealthStatus.Healthy;

    private static string Describe(CustomResourceSnapshot snapshot) =>
        snapshot.HealthStatus is { } health && snapshot.State?.Text == KnownResourceStates.Running
            ? $"{snapshot.State.Text}, {health}"
            : snapshot.State?.Text is { Length: > 0 } state ? state : "not started";

    /// <summary>The dashboard's first URL with the browser token that signs in on the first click (null when off).</summary>
    private string? DashboardLoginUrl()
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (url is null)
        {
            return null;
        }
        return configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url.TrimEnd('/')}/login?t={token}" : url;
    }
}
