using System.Net;
using System.Text;
using YeKuo.Contracts;
using YeKuo.Hosting.Telemetry;

namespace YeKuo.IntegrationTests;

/// <summary>
/// Every service exports its spans (Zipkin JSON v2) to the AppHost's trace collector; an end-to-end run must show each
/// handoff as a producer span in the sender and a consumer span in the receiver of one trace, tagged with the
/// application, step and both departments, and the later completion of a step linked back to the handoff that opened it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TraceChainTests(SystemFixture system)
{
    private static readonly string[] Services = ["acceptance", "supplyscheme", "inspection", "metering", "notification"];

    [Fact]
    public async Task A_whole_application_is_one_chain_of_handoff_spans_across_all_five_services()
    {
        var collector = system.App.Resources.OfType<TraceCollectorResource>().Single().Collector;
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-trace", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid().ToString();
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(Guid.Parse(id), step, StepDriver.ActorFor(step, "customer-trace"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await HighVoltageFlowTests.WaitForPowerConnectedAsync(gateway, Guid.Parse(id));

        List<CollectedSpan> mine = [];
        await GatewayClient.WaitUntilAsync(() =>
        {
            mine = collector.Spans.Where(s => s.Tag("yekuo.application.id") == id).ToList();
            var services = mine.Select(s => s.Service).ToHashSet();
            return Task.FromResult(Services.All(services.Contains)
                && mine.Any(s => s.Service == "metering" && s.Tag("yekuo.step") == "PowerConnection" && s.Kind == "SERVER"));
        }, "spans of the application from all five services", TimeSpan.FromSeconds(30));
        var spans = collector.Spans;
        string Dump() => Describe(mine);

        // Acceptance's StepCompleted(受理) publish (producer) → supplyscheme's consumer, in one trace.
        var producer = mine.SingleOrDefault(s => s.Service == "acceptance" && s.Kind == "PRODUCER"
            && s.Tag("yekuo.step") == "Acceptance" && s.Tag("yekuo.message.type") is { } type && type.Contains("step-completed", StringComparison.Ordinal));
        Assert.True(producer is not null, "no producer span for acceptance's StepCompleted:\n" + Dump());
        Assert.Equal("Acceptance", producer.Tag("yekuo.department.from"));
        Assert.Equal("SupplyScheme", producer.Tag("yekuo.department.to"));
        Assert.Equal("rabbitmq", producer.Tag("messaging.system"));
        Assert.False(string.IsNullOrEmpty(producer.Tag("messaging.destination.name")), Dump());
        Assert.False(string.IsNullOrEmpty(producer.Tag("messaging.message.id")), Dump());
        Assert.False(string.IsNullOrEmpty(producer.Tag("messaging.operation")), Dump());

        var trace = spans.Where(s => s.TraceId == producer.TraceId).ToList();
        var consumer = trace.FirstOrDefault(s => s.Service == "supplyscheme" && s.Kind == "CONSUMER" && DescendsFrom(s, producer, trace));
        Assert.True(consumer is not null, "no supplyscheme consumer span under the producer:\n" + Describe(trace));
        Assert.Equal("rabbitmq", consumer.Tag("messaging.system"));
        Assert.False(string.IsNullOrEmpty(consumer.Tag("messaging.message.id")), Describe(trace));
        Assert.Equal(producer.Tag("messaging.message.id"), consumer.Tag("messaging.message.id"));
        var tagged = trace.Where(s => s.Service == "supplyscheme" && DescendsFrom(s, producer, trace) && s.Tag("yekuo.department.to") == "SupplyScheme").ToList();
        Assert.True(tagged.Count > 0, "no supplyscheme consumer span with the handoff tags:\n" + Describe(trace));
        Assert.All(tagged, s =>
        {
            Assert.Equal(id, s.Tag("yekuo.application.id"));
            Assert.Equal("Acceptance", s.Tag("yekuo.department.from"));
            Assert.Equal("Acceptance", s.Tag("yekuo.step"));
        });

        // Every department's spans carry the application and the handoff's departments.
        foreach (var service in Services)
        {
            Assert.Contains(mine, s => s.Service == service && s.Tag("yekuo.department.from") is not null && s.Tag("yekuo.department.to") is not null);
        }
        foreach (var sender in new[] { "acceptance", "supplyscheme", "inspection", "metering" })
        {
            Assert.True(mine.Any(s => s.Service == sender && s.Kind == "PRODUCER" && s.Tag("yekuo.department.from") is not null),
                $"no tagged producer span in {sender}:\n{Dump()}");
        }

        // 现场勘查 was completed by a later request in its own trace, linked to the handoff that opened it.
        var completion = mine.FirstOrDefault(s => s.Service == "supplyscheme" && s.Kind == "SERVER" && s.Tag("yekuo.step") == "SiteSurvey"
            && s.Name.Contains("complete", StringComparison.OrdinalIgnoreCase));
        Assert.True(completion is not null, "no completion request span for SiteSurvey:\n" + Dump());
        Assert.NotEqual(producer.TraceId, completion.TraceId);
        var link = completion.Tag("yekuo.opened.traceparent");
        Assert.False(string.IsNullOrEmpty(link), "the completion request carries no link to its opening handoff");
        Assert.Equal(producer.TraceId, link.Split('-')[1]);
        Assert.Contains(trace, s => s.Id == link.Split('-')[2] && s.Service == "supplyscheme");
    }

    private static bool DescendsFrom(CollectedSpan span, CollectedSpan ancestor, IReadOnlyList<CollectedSpan> trace)
    {
        var byId = trace.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current.ParentId is { } parent && byId.TryGetValue(parent, out var next); current = next)
        {
            if (next.Id == ancestor.Id) return true;
        }
        return false;
    }

    private static string Describe(IEnumerable<CollectedSpan> spans)
    {
        var sb = new StringBuilder();
        foreach (var s in spans.OrderBy(s => s.TimestampMicros).Take(400))
        {
            sb.Append($"{s.TraceId[..8]} {s.Id} <- {s.ParentId ?? "-"} {s.Service} {s.Kind} '{s.Name}' ");
            sb.AppendLine(string.Join(" ", s.Tags.Where(t => t.Key.StartsWith("yekuo.", StringComparison.Ordinal) || t.Key.StartsWith("messaging.", StringComparison.Ordinal)).Select(t => $"{t.Key}={t.Value}")));
        }
        return sb.ToString();
    }
}
