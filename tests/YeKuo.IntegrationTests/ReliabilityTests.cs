using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class ReliabilityTests(SystemFixture system)
{
    [Fact]
    public async Task While_the_broker_is_down_services_report_degraded_accept_writes_and_deliver_them_when_it_is_back()
    {
        var gateway = system.Gateway;
        var id = (await gateway.SubmitAsync("customer-outage", CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        await gateway.WaitForWorkItemAsync("/api/applications", id, Step.Acceptance);

        await system.App.StopResourceAsync("messaging");
        try
        {
            using var http = new HttpClient { BaseAddress = system.App.GetEndpoint("acceptance") };
            var last = "";
            try
            {
                await GatewayClient.WaitUntilAsync(async () =>
                {
                    using var health = await http.GetAsync("/health");
                    last = $"{(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}";
                    var body = JsonDocument.Parse(last[4..]).RootElement;
                    return health.StatusCode == HttpStatusCode.OK && body.GetProperty("status").GetString() == "Degraded";
                }, "acceptance to report Degraded health", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message} Last answer: {last}", e);
            }

            // The write succeeds: its events wait in the outbox.
            using var accepted = await gateway.CompleteStepAsync(id, Step.Acceptance, "staff-acceptance");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var submittedDuringOutage = (await gateway.SubmitAsync("customer-outage-2", CustomerClass.Residential)).GetProperty("id").GetGuid();
            Assert.NotEqual(Guid.Empty, submittedDuringOutage);
        }
        finally
        {
            await system.App.StartResourceAsync("messaging");
        }

        // The relay drains the outbox: 供电方案 receives the handoff and opens 现场勘查.
        await gateway.WaitForWorkItemAsync("/api/supply-scheme", id, Step.SiteSurvey);
        await GatewayClient.WaitUntilAsync(async () =>
        {
            using var health = await new HttpClient { BaseAddress = system.App.GetEndpoint("acceptance") }.GetAsync("/health");
            return (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == "Healthy";
        }, "acceptance to be healthy again");
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_with_its_reason_and_can_be_replayed_once_it_can_succeed()
    {
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-poison", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();
        var number = submitted.GetProperty("number").GetString()!;

        // 装表接电 reported before the application was even accepted: Acceptance cannot apply it, retries, gives up.
        var messageId = NewId.NextGuid();
        var broker = new Uri((await system.App.GetConnectionStringAsync("messaging")).Replace("amqp://", "rabbitmq://"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker));
        await bus.StartAsync();
        try
        {
            await bus.Publish(new PowerConnected(id, number, "customer-poison", "3300000001", DateTimeOffset.UtcNow), context => context.MessageId = messageId);
        }
        finally
        {
            await bus.StopAsync();
        }

        using var acceptance = await system.Gateway.ClientAsAsync("admin-replay", system.App.GetEndpoint("acceptance"));
        const string errorQueue = "acceptance-power-connected_error";
        JsonElement[] failed = [];
        await GatewayClient.WaitUntilAsync(async () =>
        {
            failed = (await acceptance.GetFromJsonAsync<JsonElement[]>($"/admin/messaging/error-queues/{errorQueue}/messages"))!;
            return failed.Any(m => m.GetProperty("messageId").GetString() == messageId.ToString());
        }, "the poison message to reach the error queue");
        var poison = failed.Single(m => m.GetProperty("messageId").GetString() == messageId.ToString());
        Assert.Contains("cannot be connected", poison.GetProperty("exceptionMessage").GetString() ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(poison.GetProperty("exceptionType").GetString()));

        var queues = (await acceptance.GetFromJsonAsync<JsonElement[]>("/admin/messaging/error-queues"))!;
        Assert.Contains(queues, q => q.GetProperty("errorQueue").GetString() == errorQueue && q.GetProperty("messages").GetInt32() >= 1);

        // Once the application is in progress the same message can be applied: replay it.
        using (var response = await gateway.CompleteStepAsync(id, Step.Acceptance, "staff-acceptance"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var replay = await acceptance.PostAsync($"/admin/messaging/error-queues/{errorQueue}/replay?messageId={messageId}", null))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        }

        await GatewayClient.WaitUntilAsync(async () =>
            (await gateway.GetApplicationAsync(id)).GetProperty("status").GetString() == "PowerConnected", "the replayed message to be applied");
        var remaining = (await acceptance.GetFromJsonAsync<JsonElement[]>($"/admin/messaging/error-queues/{errorQueue}/messages"))!;
        Assert.DoesNotContain(remaining, m => m.GetProperty("messageId").GetString() == messageId.ToString());

        using var unknown = await acceptance.PostAsync("/admin/messaging/error-queues/somebody-elses-queue_error/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
