using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
            builder.Services.AddHostedService(services => new StartupSummary(
                services.GetRequiredService<ResourceNotificationService>(), services.GetRequiredService<IConfiguration>(),
                services.GetRequiredService<DistributedApplicationModel>(), gateway.Resource, web.Resource, messaging.Resource));
        }
    }
}

/// <summary>
/// The lines a developer looks for after <c>./run.sh</c>: the gateway, the web front end (behind the gateway), the
/// dashboard with its one-click login link, and the broker's <c>amqp://</c> address.
/// </summary>
internal sealed class StartupSummary(ResourceNotificationService notifications, IConfiguration configuration,
    DistributedApplicationModel model, ProjectResource gateway, ProjectResource web, IResourceWithConnectionString messaging) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A graph trimmed to a few resources (the progress bench runs Acceptance alone) has no front door to print;
        // waiting for a resource that is not in the model would fail and stop the whole host.
        if (!model.Resources.Contains(gateway) || !model.Resources.Contains(web))
        {
            return;
        }
        try
        {
            await notifications.WaitForResourceHealthyAsync(gateway.Name, stoppingToken);
            await notifications.WaitForResourceHealthyAsync(web.Name, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

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
        Console.WriteLine($"[yekuo] ready: every service healthy {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds:0.0} s after the AppHost started. Ctrl+C stops everything.");
        Console.WriteLine();
    }

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
