using System.Net;
using System.Text;
using YeKuo.Contracts;
using YeKuo.Testing;

namespace YeKuo.IntegrationTests;

/// <summary>
/// Every service exports its spans over OTLP to the Aspire dashboard; read back through the dashboard's telemetry API, an
/// end-to-end run must show each handoff as a producer span in the sender and a consumer span in the receiver of one
/// trace, tagged with the application, step and both departments, one handoff's trace reaching four departments, and the
/// later completion of a step linked back to the handoff that opened it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TraceChainTests(SystemFixture system)
{
    private static readonly string[] Services = ["acceptance", "supplyscheme", "inspection", "metering", "notification"];

    [Fact]
    public async Task A_whole_application_is_one_chain_of_handoff_spans_across_all_five_services_in_the_dashboard()
    {
        var dashboard = system.App.Telemetry!;
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-trace", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid().ToString();
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(Guid.Parse(id), step, StepDriver.ActorFor(step, "customer-trace"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await HighVoltageFlowTests.WaitForPowerConnectedAsync(gateway, Guid.Parse(id));

        IReadOnlyList<TelemetrySpan> spans = [];
        List<TelemetrySpan> mine = [];
        await GatewayClient.WaitUntilAsync(async () =>
        {
            spans = await dashboard.GetSpansAsync();
            mine = spans.Where(s => s.Attribute("yekuo.application.id") == id).ToList();
            var services = mine.Select(s => s.Service).ToHashSet();
            return Services.All(services.Contains)
                && mine.Any(s => s.Service == "metering" && s.Attribute("yekuo.step") == "PowerConnection" && s.Kind == "SERVER");
        }, "spans of the application from all five services in the dashboard", TimeSpan.FromSeconds(60));
        string Dump() => Describe(mine);

        // Acceptance's StepCompleted(受理) publish (producer) → supplyscheme's consumer, in one trace.
        var producer = mine.SingleOrDefault(s => s.Service == "acceptance" && s.Kind == "PRODUCER"
            && s.Attribute("yekuo.step") == "Acceptance" && s.Attribute("yekuo.message.type") is { } type && type.Contains("step-completed", StringComparison.Ordinal));
        Assert.True(producer is not null, "no producer span for acceptance's StepCompleted:\n" + Dump());
        Assert.Equal("Acceptance", producer.Attribute("yekuo.department.from"));
        Assert.Equal("SupplyScheme", producer.Attribute("yekuo.department.to"));
        Assert.Equal("rabbitmq", producer.Attribute("messaging.system"));
        Assert.False(string.IsNullOrEmpty(producer.Attribute("messaging.destination.name")), Dump());
        Assert.False(string.IsNullOrEmpty(producer.Attribute("messaging.message.id")), Dump());
        Assert.False(string.IsNullOrEmpty(producer.Attribute("messaging.operation")), Dump());

        var trace = spans.Where(s => s.TraceId == producer.TraceId).ToList();
        var consumer = trace.FirstOrDefault(s => s.Service == "supplyscheme" && s.Kind == "CONSUMER" && DescendsFrom(s, producer, trace));
        Assert.True(consumer is not null, "no supplyscheme consumer span under the producer:\n" + Describe(trace));
        Assert.Equal("rabbitmq", consumer.Attribute("messaging.system"));
        Assert.False(string.IsNullOrEmpty(consumer.Attribute("messaging.message.id")), Describe(trace));
        Assert.Equal(producer.Attribute("messaging.message.id"), consumer.Attribute("messaging.message.id"));
        var tagged = trace.Where(s => s.Service == "supplyscheme" && DescendsFrom(s, producer, trace) && s.Attribute("yekuo.department.to") == "SupplyScheme").ToList();
        Assert.True(tagged.Count > 0, "no supplyscheme consumer span with the handoff tags:\n" + Describe(trace));
        Assert.All(tagged, s =>
        {
            Assert.Equal(id, s.Attribute("yekuo.application.id"));
            Assert.Equal("Acceptance", s.Attribute("yekuo.department.from"));
            Assert.Equal("Acceptance", s.Attribute("yekuo.step"));
        });

        // One handoff fans out across departments in one trace: e.g. 竣工验收 done in inspection opens 供用电合同 in
        // metering, moves acceptance's timeline and sends notification's notice.
        var traces = mine.Select(s => s.TraceId).Distinct()
            .Select(traceId => (TraceId: traceId, Departments: spans.Where(s => s.TraceId == traceId && Services.Contains(s.Service)).Select(s => s.Service).ToHashSet()))
            .OrderByDescending(t => t.Departments.Count)
            .ToList();
        Assert.True(traces.Count > 0 && traces[0].Departments.Count >= 4,
            $"no trace of the application reaches four departments: {string.Join("; ", traces.Select(t => $"{t.TraceId[..8]}: {string.Join(",", t.Departments)}"))}");

        // Every department's spans carry the application and the handoff's departments.
        foreach (var service in Services)
        {
            Assert.Contains(mine, s => s.Service == service && s.Attribute("yekuo.department.from") is not null && s.Attribute("yekuo.department.to") is not null);
        }
        foreach (var sender in new[] { "acceptance", "supplyscheme", "inspection", "metering" })
        {
            Assert.True(mine.Any(s => s.Service == sender && s.Kind == "PRODUCER" && s.Attribute("yekuo.department.from") is not null),
                $"no tagged producer span in {sender}:\n{Dump()}");
        }

        // 现场勘查 was completed by a later request in its own trace, linked to the handoff that opened it.
        var completion = mine.FirstOrDefault(s => s.Service == "supplyscheme" && s.Kind == "SERVER" && s.Attribute("yekuo.step") == "SiteSurvey"
            && s.Name.Contains("complete", StringComparison.OrdinalIgnoreCase));
        Assert.True(completion is not null, "no completion request span for SiteSurvey:\n" + Dump());
        Assert.NotEqual(producer.TraceId, completion.TraceId);
        var link = completion.Attribute("yekuo.opened.traceparent");
        Assert.False(string.IsNullOrEmpty(link), "the completion request carries no link to its opening handoff");
        Assert.Equal(producer.TraceId, link.Split('-')[1]);
        Assert.Contains(trace, s => s.SpanId == link.Split('-')[2] && s.Service == "supplyscheme");
    }

    private static bool DescendsFrom(TelemetrySpan span, TelemetrySpan ancestor, IReadOnlyList<TelemetrySpan> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current.ParentSpanId is { } parent && byId.TryGetValue(parent, out var next); current = next)
        {
            if (next.SpanId == ancestor.SpanId) return true;
        }
        return false;
    }

    private static string Describe(IEnumerable<TelemetrySpan> spans)
    {
        var sb = new StringBuilder();
        foreach (var s in spans.Take(400))
        {
            sb.Append($"{s.TraceId[..8]} {s.SpanId} <- {s.ParentSpanId ?? "-"} {s.Service} {s.Kind} '{s.Name}' ");
            sb.AppendLine(string.Join(" ", s.Attributes.Where(t => t.Key.StartsWith("yekuo.", StringComparison.Ordinal) || t.Key.StartsWith("messaging.", StringComparison.Ordinal)).Select(t => $"{t.Key}={t.Value}")));
        }
        return sb.ToString();
    }
}
