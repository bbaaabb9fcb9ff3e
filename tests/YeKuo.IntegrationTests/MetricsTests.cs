using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>
/// After an end-to-end run every service's Prometheus endpoint shows the handoff and step metrics with their labels
/// (OTel's Prometheus naming: dots → underscores, unit suffix <c>_seconds</c>).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class MetricsTests(SystemFixture system)
{
    private static readonly string[] Workflow = ["acceptance", "supplyscheme", "inspection", "metering"];

    [Fact]
    public async Task Every_service_exposes_handoff_and_step_metrics_by_department_step_and_customer_class()
    {
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-metrics", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-metrics"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await HighVoltageFlowTests.WaitForPowerConnectedAsync(gateway, id);

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await DevTokenAsync(gateway, "platform-metrics", "platform"));
        var scraped = new Dictionary<string, string>();
        foreach (var service in Workflow.Append("notification"))
        {
            scraped[service] = await http.GetStringAsync(new Uri(system.App.GetEndpoint(service), "/metrics"));
        }

        foreach (var (service, text) in scraped)
        {
            var handoffs = Series(text, "yekuo_handoff_duration_seconds_bucket");
            Assert.True(handoffs.Count > 0, $"{service}: no yekuo_handoff_duration_seconds histogram\n{Excerpt(text)}");
            Assert.Contains(handoffs, labels => labels.ContainsKey("yekuo_department_from") && labels["yekuo_department_to"] != ""
                && labels.ContainsKey("yekuo_step") && labels.ContainsKey("yekuo_customer_class"));
        }
        // Notification receives the SupplyScheme → Inspection handoffs too; supplyscheme receives Acceptance's.
        Assert.Contains(Series(scraped["supplyscheme"], "yekuo_handoff_duration_seconds_bucket"),
            l => l["yekuo_department_from"] == "Acceptance" && l["yekuo_department_to"] == "SupplyScheme" && l["yekuo_step"] == "Acceptance"
                && l["yekuo_customer_class"] == "HighVoltageSingleSource");

        foreach (var service in Workflow)
        {
            var text = scraped[service];
            var waits = Series(text, "yekuo_step_wait_seconds_bucket");
            var durations = Series(text, "yekuo_step_duration_seconds_bucket");
            Assert.True(waits.Count > 0 && durations.Count > 0, $"{service}: step metrics missing\n{Excerpt(text)}");
            Assert.All(waits.Concat(durations), l =>
            {
                Assert.True(l.ContainsKey("yekuo_department") && l.ContainsKey("yekuo_step") && l.ContainsKey("yekuo_customer_class"), string.Join(",", l.Keys));
            });
            Assert.Contains(durations, l => l["yekuo_time"] == "working");
            Assert.Contains(durations, l => l["yekuo_time"] == "calendar");
        }
        Assert.Contains(Series(scraped["inspection"], "yekuo_step_duration_seconds_bucket"),
            l => l["yekuo_department"] == "Inspection" && l["yekuo_step"] == "CompletionAcceptance" && l["yekuo_customer_class"] == "HighVoltageSingleSource");
        // The existing supervision and outbox gauges are there too.
        Assert.Contains("yekuo_outbox_backlog", scraped["acceptance"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handoff_report_gives_percentiles_per_department_pair_and_step_and_who_waits_where()
    {
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-report", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();
        foreach (var step in new[] { Step.Acceptance, Step.SiteSurvey })
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-report"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await gateway.WaitForWorkItemAsync("/api/supply-scheme", id, Step.SchemeReply);

        using var platform = new HttpClient { BaseAddress = gateway.Http.BaseAddress };
        platform.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await DevTokenAsync(gateway, "platform-report", "platform"));
        JsonElement report = default;
        await GatewayClient.WaitUntilAsync(async () =>
        {
            report = await platform.GetFromJsonAsync<JsonElement>("/api/reports/handoffs");
            return report.GetProperty("waitingNow").EnumerateArray().Any(d => d.GetProperty("applications").EnumerateArray()
                .Any(a => a.GetProperty("applicationId").GetGuid() == id && a.GetProperty("step").GetString() == "SchemeReply"));
        }, "the report to show the application waiting in SupplyScheme");

        var pair = report.GetProperty("byDepartmentPair").EnumerateArray()
            .Single(p => p.GetProperty("from").GetString() == "Acceptance" && p.GetProperty("to").GetString() == "SupplyScheme");
        var stats = pair.GetProperty("handoffs");
        Assert.True(stats.GetProperty("count").GetInt32() >= 1);
        Assert.True(stats.GetProperty("p50Seconds").GetDouble() <= stats.GetProperty("p95Seconds").GetDouble());
        Assert.True(stats.GetProperty("p95Seconds").GetDouble() <= stats.GetProperty("maxSeconds").GetDouble());
        Assert.Contains(report.GetProperty("byStep").EnumerateArray(), s => s.GetProperty("step").GetString() == "SiteSurvey");
        var supplyScheme = report.GetProperty("waitingNow").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "SupplyScheme");
        Assert.True(supplyScheme.GetProperty("count").GetInt32() >= 1);
        Assert.True(supplyScheme.GetProperty("oldestAgeHours").GetDouble() >= 0);

        using var invalid = await platform.GetAsync("/api/reports/handoffs?from=2026-13-01&to=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
        using var reversed = await platform.GetAsync("/api/reports/handoffs?from=2026-05-02&to=2026-05-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }

    /// <summary>A token from the gateway's dev-token issuer (through the shared client's cache and rate-limit handling).</summary>
    internal static Task<string> DevTokenAsync(GatewayClient gateway, string subject, string role, string? department = null) =>
        gateway.TokenAsync(subject, role, department);

    /// <summary>The label sets of every sample of <paramref name="metric"/>.</summary>
    private static List<Dictionary<string, string>> Series(string text, string metric) =>
        text.Split('\n').Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal))
            .Select(line => Label().Matches(line[(metric.Length + 1)..line.IndexOf('}', StringComparison.Ordinal)])
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value))
            .ToList();

    private static string Excerpt(string text) =>
        string.Join('\n', text.Split('\n').Where(l => l.StartsWith("yekuo_", StringComparison.Ordinal) || l.StartsWith("# TYPE yekuo", StringComparison.Ordinal)).Take(60));

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
