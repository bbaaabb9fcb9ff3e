using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NJsonSchema;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>A partner with a plain AMQP client (no MassTransit) follows applications on the yekuo.events exchange.</summary>
[Collection(SystemCollection.Name)]
public sealed class PartnerEventTests(SystemFixture system)
{
    [Fact]
    public async Task A_plain_AMQP_partner_receives_schema_valid_CloudEvents_for_a_whole_application()
    {
        var received = new ConcurrentQueue<(string RoutingKey, string ContentType, string Body)>();
        var factory = new ConnectionFactory { Uri = new Uri(await system.App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, "yekuo.events", "cn.yekuo.#");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received.Enqueue((delivery.RoutingKey, delivery.BasicProperties.ContentType ?? "", Encoding.UTF8.GetString(delivery.Body.Span)));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-partner", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();
        var number = submitted.GetProperty("number").GetString()!;
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-partner"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        string[] expected = ["cn.yekuo.application.accepted.v1", "cn.yekuo.scheme.replied.v1", "cn.yekuo.completion.accepted.v1", "cn.yekuo.power.connected.v1"];
        List<JsonElement> mine = [];
        await GatewayClient.WaitUntilAsync(() =>
        {
            mine = received.Select(r => JsonDocument.Parse(r.Body).RootElement).Where(e => e.GetProperty("subject").GetString() == number).ToList();
            var types = mine.Select(e => e.GetProperty("type").GetString()).ToHashSet();
            var steps = HighVoltageFlowTests.HighVoltageSteps.Length;
            return Task.FromResult(expected.All(types.Contains)
                && mine.Count(e => e.GetProperty("type").GetString() == "cn.yekuo.step.completed.v1") >= steps
                && mine.Count(e => e.GetProperty("type").GetString() == "cn.yekuo.step.completed.v2") >= steps);
        }, "the partner events of the application");

        foreach (var (routingKey, contentType, body) in received.Where(r => r.Body.Contains(number, StringComparison.Ordinal)))
        {
            Assert.Equal("application/cloudevents+json", contentType);
            var cloudEvent = JsonDocument.Parse(body).RootElement;
            var type = cloudEvent.GetProperty("type").GetString()!;
            Assert.Equal(type, routingKey);
            // Derived from the internal event's message id, so every re-publish of it carries the same id.
            Assert.Matches($"^[0-9a-f]{{8}}(-[0-9a-f]{{4}}){{3}}-[0-9a-f]{{12}}/{System.Text.RegularExpressions.Regex.Escape(type)}$", cloudEvent.GetProperty("id").GetString()!);
            var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "events", $"{type}.schema.json"));
            var errors = schema.Validate(body);
            Assert.True(errors.Count == 0, $"{type}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}\n{body}");
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", cloudEvent.GetProperty("traceparent").GetString()!);
            Assert.DoesNotContain(TestData.CreditCode, body);
            Assert.DoesNotContain("13800138000", body);
        }

        var steps = mine.Where(e => e.GetProperty("type").GetString() == "cn.yekuo.step.completed.v1")
            .Select(e => e.GetProperty("data").GetProperty("step").GetString()).ToArray();
        Assert.Equal(HighVoltageFlowTests.HighVoltageSteps.Select(s => s.ToString()).Order(), steps.Distinct().Order());
        // v2 beside v1: each step once more, with its typed outcome and who acted.
        var v2 = mine.Where(e => e.GetProperty("type").GetString() == "cn.yekuo.step.completed.v2").Select(e => e.GetProperty("data")).ToArray();
        Assert.Equal(steps.Distinct().Order(), v2.Select(d => d.GetProperty("step").GetString()).Distinct().Order());
        var design = v2.Single(d => d.GetProperty("step").GetString() == nameof(Step.DesignSubmission));
        Assert.Equal("Customer", design.GetProperty("actedBy").GetString());
        Assert.Equal("customerRequest", design.GetProperty("outcome").GetProperty("family").GetString());
        var scheme = v2.Single(d => d.GetProperty("step").GetString() == nameof(Step.SchemeReply)).GetProperty("outcome");
        Assert.Equal(800m, scheme.GetProperty("capacityKva").GetDecimal());
        Assert.Equal("/yekuo/metering", mine.First(e => e.GetProperty("type").GetString() == "cn.yekuo.power.connected.v1").GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_partner_that_bound_to_yekuo_events_as_soon_as_the_system_was_healthy_receives_the_next_applications_events()
    {
        // Bound by the fixture right after start-up, before any application and without declaring the exchange.
        Assert.True(system.EarlyPartnerQueue is not null, "binding to yekuo.events right after start-up failed: " + system.EarlyBindError);
        var factory = new ConnectionFactory { Uri = new Uri(await system.App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-early-partner", CustomerClass.LowVoltageNonResidential);
        var number = submitted.GetProperty("number").GetString()!;
        using (var response = await gateway.CompleteStepAsync(submitted.GetProperty("id").GetGuid(), Step.Acceptance, "staff-acceptance"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var types = new List<string>();
        await GatewayClient.WaitUntilAsync(async () =>
        {
            while (await channel.BasicGetAsync(system.EarlyPartnerQueue, autoAck: true) is { } message)
            {
                var cloudEvent = JsonDocument.Parse(message.Body).RootElement;
                if (cloudEvent.GetProperty("subject").GetString() == number)
                {
                    types.Add(cloudEvent.GetProperty("type").GetString()!);
                }
            }
            return types.Contains("cn.yekuo.application.accepted.v1") && types.Contains("cn.yekuo.step.completed.v1");
        }, "the application's events in the early partner's queue");
        await channel.QueueDeleteAsync(system.EarlyPartnerQueue);
    }

    [Fact]
    public async Task A_withdrawn_application_is_announced_as_cancelled()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await system.App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, "yekuo.events", "cn.yekuo.application.cancelled.v1");

        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-withdraws", CustomerClass.LowVoltageNonResidential);
        var id = submitted.GetProperty("id").GetGuid();
        using (var response = await gateway.CompleteStepAsync(id, Step.Acceptance, "staff-acceptance"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var withdraw = await gateway.Http.PostAsJsonAsync($"/api/applications/{id}/withdraw", new { reason = "项目取消" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        }

        BasicGetResult? message = null;
        await GatewayClient.WaitUntilAsync(async () => (message = await channel.BasicGetAsync(queue, autoAck: true)) is not null, "the cancelled event");
        var cloudEvent = JsonDocument.Parse(message!.Body).RootElement;
        Assert.Equal(submitted.GetProperty("number").GetString(), cloudEvent.GetProperty("subject").GetString());
        Assert.Equal("withdrawn", cloudEvent.GetProperty("data").GetProperty("reason").GetString());

        // Every department closed its open work: nothing is left open for the application in 供电方案.
        await GatewayClient.WaitUntilAsync(async () =>
            (await gateway.Http.GetFromJsonAsync<JsonElement[]>($"/api/supply-scheme/work-items?status=open&applicationId={id}"))!.Length == 0,
            "supply-scheme to cancel its open work");
    }
}
