using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every YeKuo host shares (the Aspire ServiceDefaults pattern): OpenTelemetry, health checks,
/// service discovery, resilient HTTP clients and ProblemDetails for every error.
/// </summary>
public static class Extensions
{
    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    /// <summary>Activity sources and meters of our own code; every YeKuo library names its telemetry "YeKuo.*".</summary>
    private const string OwnTelemetry = "YeKuo.*";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString()));
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var sampling = YeKuo.ServiceDefaults.Telemetry.TraceSampling.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(sampling);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter(OwnTelemetry)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .SetSampler(new YeKuo.ServiceDefaults.Telemetry.EntrySpanSampler(sampling.SampleRatio))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(OwnTelemetry)
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Health probes and scrapes would drown the handoffs.
                    aspnet.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation()
                // First: decides whether an unsampled span is exported after all (failed, slow handoff).
                .AddProcessor(new YeKuo.ServiceDefaults.Telemetry.NotableSpanProcessor(sampling.SlowHandoff))
                .AddProcessor(new HandoffTagProcessor())
                // Last: identity and phone numbers never leave the process in a span.
                .AddProcessor(new YeKuo.ServiceDefaults.Security.PiiRedactionProcessor()));

        // OTLP to the Aspire dashboard locally (the AppHost injects OTEL_EXPORTER_OTLP_ENDPOINT), to a collector in production.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary><c>/health</c>: ready (database, broker, ...); <c>/alive</c>: the process answers; <c>/metrics</c>: Prometheus.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var health = app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        var alive = app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetService<YeKuo.ServiceDefaults.Security.SecurityMarker>() is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            health.AllowAnonymous();
            alive.AllowAnonymous();
            metrics.RequireAuthorization(YeKuo.ServiceDefaults.Security.Policies.Platform);
        }
        return app;
    }

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath) || path.StartsWithSegments("/metrics");
}
