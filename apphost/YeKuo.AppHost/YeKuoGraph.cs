using YeKuo.Hosting;
using YeKuo.Hosting.Telemetry;

namespace YeKuo.AppHost;

/// <summary>
/// The local topology, declared the way an Aspire AppHost declares it: broker and cache first, each department
/// service with its own database, the gateway last. Shared by the AppHost and the integration tests, so the tests
/// run exactly what a developer runs.
/// </summary>
public static class YeKuoGraph
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>Token issuer and audience of local runs (the dev-token issuer signs with them, every host validates them).</summary>
    public const string JwtIssuer = "yekuo-local";

    public const string JwtAudience = "yekuo-api";

    /// <param name="developerRun">A developer's run keeps Redis data and offers RabbitMQ's management UI; tests skip both to start faster.</param>
    public static DistributedApplicationBuilder AddYeKuo(this DistributedApplicationBuilder builder, bool developerRun = true)
    {
        var messaging = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");
        if (developerRun)
        {
            messaging.WithManagementPlugin();
            cache.WithPersistence();
        }

        // Every service posts its spans (Zipkin JSON v2) to the local trace view; tests read them from the collector.
        var traces = builder.AddTraceCollector("traces");

        var acceptance = builder.AddDepartment("acceptance", "services/YeKuo.Acceptance/YeKuo.Acceptance.csproj", messaging, cache);
        // Local runs and tests live on the real clock and cannot wait for Wednesday's 方案审查会: allow recording its
        // decision early (never set in production).
        var supplyScheme = builder.AddDepartment("supplyscheme", "services/YeKuo.SupplyScheme/YeKuo.SupplyScheme.csproj", messaging, cache)
            .WithEnvironment("SchemeReview__AllowDecisionBeforeMeeting", "true");
        var inspection = builder.AddDepartment("inspection", "services/YeKuo.Inspection/YeKuo.Inspection.csproj", messaging, cache);
        var metering = builder.AddDepartment("metering", "services/YeKuo.Metering/YeKuo.Metering.csproj", messaging, cache);
        // Local runs and tests point webhooks at receivers on this machine (never allowed by default).
        var notification = builder.AddDepartment("notification", "services/YeKuo.Notification/YeKuo.Notification.csproj", messaging, cache)
            .WithEnvironment("Notification__Webhooks__AllowLoopback", "true");

        var gateway = builder.AddProject("gateway", "gateway/YeKuo.Gateway/YeKuo.Gateway.csproj")
            .WithReference(acceptance).WithReference(supplyScheme).WithReference(inspection).WithReference(metering).WithReference(notification)
            .WaitFor(acceptance).WaitFor(supplyScheme).WaitFor(inspection).WaitFor(metering).WaitFor(notification)
            .WithHttpEndpoint(port: builder.Options.GatewayPort ?? DefaultGatewayPort)
            .WithTraceExport(traces);
        foreach (var department in new[] { acceptance, supplyScheme, inspection, metering, notification })
        {
            department.WithTraceExport(traces);
        }

        // The web front end: browsers reach it through the gateway (its catch-all route), and it calls every API through
        // the gateway with the signed-in user's token. No WaitFor: it starts beside the services and needs the gateway
        // only when a user acts. The gateway learns its address lazily (a reference each way would be a cycle).
        var web = builder.AddProject("web", "services/YeKuo.Web/YeKuo.Web.csproj")
            .WithReference(gateway)
            .WithTraceExport(traces);
        gateway.WithEnvironment("services__web__http__0", () => web.Resource.HttpUrl);

        // Authentication: one random signing key per run (never in the repository), the same issuer and audience for the
        // gateway and every service; the gateway hosts the development token issuer (POST /auth/dev-token), which
        // refuses to start in Production.
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        foreach (var resource in new[] { acceptance, supplyScheme, inspection, metering, notification, gateway })
        {
            resource.WithEnvironment("Jwt__SigningKey", signingKey)
                .WithEnvironment("Jwt__Issuer", JwtIssuer)
                .WithEnvironment("Jwt__Audience", JwtAudience);
        }
        gateway.WithEnvironment("DevTokens__Enabled", "true");
        // The web app's development sign-in asks the gateway's dev-token issuer (both refuse to start in Production).
        web.WithEnvironment("DevSignIn__Enabled", "true");

        // Where to look locally: a private Prometheus (if the Debian package is installed) scraping every service's
        // /metrics with a platform token of this run; the trace view is the "traces" resource.
        if (developerRun)
        {
            var prometheus = builder.AddPrometheus("prometheus")
                .WithBearerToken(() => PrometheusResourceExtensions.CreateLocalJwt(signingKey, JwtIssuer, JwtAudience, "prometheus", TimeSpan.FromDays(30),
                    new Dictionary<string, string> { ["role"] = "platform" }));
            foreach (var service in new[] { acceptance, supplyScheme, inspection, metering, notification, gateway })
            {
                prometheus.WithScrapeTarget(service);
            }
        }
        return builder;
    }

    /// <summary>A department service: its own SQLite database, the broker and the cache, started once both are up.</summary>
    private static IResourceBuilder<ProjectResource> AddDepartment(
        this DistributedApplicationBuilder builder, string name, string project,
        IResourceBuilder<RabbitMQResource> messaging, IResourceBuilder<RedisResource> cache)
    {
        var database = builder.AddSqlite($"{name}db");
        return builder.AddProject(name, project)
            .WithReference(messaging).WithReference(cache).WithReference(database)
            .WaitFor(messaging).WaitFor(cache);
    }
}
