using System.Net;
using System.Net.Sockets;
using System.Text;
using YeKuo.Hosting;
using YeKuo.Hosting.Telemetry;

namespace YeKuo.AppHost.Tests;

/// <summary>The local trace collector and the Prometheus resource, without a system.</summary>
public sealed class TelemetryResourceTests
{
    [Fact]
    public async Task The_trace_collector_receives_Zipkin_v2_spans_and_shows_them()
    {
        await using var collector = new TraceCollector();
        collector.Start(FreePort());
        const string body = """
            [{"traceId":"0af7651916cd43dd8448eb211c80319c","id":"b7ad6b7169203331","name":"stepcompleted send","kind":"PRODUCER",
              "timestamp":1700000000000000,"duration":1500,"localEndpoint":{"serviceName":"acceptance"},
              "tags":{"yekuo.application.id":"app-1","yekuo.department.from":"Acceptance","yekuo.department.to":"SupplyScheme"}},
             {"traceId":"0af7651916cd43dd8448eb211c80319c","id":"c7ad6b7169203331","parentId":"b7ad6b7169203331","name":"open-next-step process",
              "kind":"CONSUMER","timestamp":1700000000002000,"duration":900,"localEndpoint":{"serviceName":"supplyscheme"},"tags":{}}]
            """;
        using var http = new HttpClient();
        using var posted = await http.PostAsync(collector.SpansEndpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var trace = collector.Trace("0af7651916cd43dd8448eb211c80319c");
        Assert.Equal(["acceptance", "supplyscheme"], trace.Select(s => s.Service));
        Assert.Equal("SupplyScheme", trace[0].Tag("yekuo.department.to"));
        Assert.Equal("b7ad6b7169203331", trace[1].ParentId);

        var list = await http.GetStringAsync(collector.BaseUrl + "?application=app-1");
        Assert.Contains("/trace/0af7651916cd43dd8448eb211c80319c", list);
        var waterfall = await http.GetStringAsync(collector.BaseUrl + "trace/0af7651916cd43dd8448eb211c80319c");
        Assert.Contains("open-next-step process", waterfall);
        Assert.Contains("Acceptance → SupplyScheme", waterfall);

        using var bad = await http.PostAsync(collector.SpansEndpoint, new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Prometheus_scrapes_every_target_with_the_bearer_token_and_projects_export_to_the_collector()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = Path.Combine(Path.GetTempPath(), "yekuo-telemetry-" + Guid.NewGuid().ToString("N")),
            LogSink = ResourceLogSinks.None,
        });
        var traces = builder.AddTraceCollector();
        var acceptance = builder.AddProject("acceptance", "services/YeKuo.Acceptance/YeKuo.Acceptance.csproj").WithTraceExport(traces);
        var prometheus = builder.AddPrometheus().WithScrapeTarget(acceptance).WithBearerToken(() => "tok");
        await using var app = builder.Build();
        var context = new OrchestrationContext(builder.Options, app.RepositoryRoot, app.StateDirectory, app.Configuration, _ => { });

        Assert.Equal(traces.Resource.SpansEndpoint, acceptance.Resource.BuildEnvironment(context)["Telemetry__ZipkinEndpoint"]);
        var config = prometheus.Resource.Config();
        Assert.Contains($"targets: [\"127.0.0.1:{acceptance.Resource.Port}\"]", config);
        Assert.Contains("credentials: \"tok\"", config);
        Assert.Contains("service: \"acceptance\"", config);

        var jwt = PrometheusResourceExtensions.CreateLocalJwt("0123456789abcdef0123456789abcdef", "iss", "aud", "prometheus", TimeSpan.FromHours(1),
            new Dictionary<string, string> { ["role"] = "platform" });
        Assert.Equal(3, jwt.Split('.').Length);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
