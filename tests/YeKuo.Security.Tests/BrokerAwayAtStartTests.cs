extern alias notification;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Security.Tests.Infrastructure;
using YeKuo.Testing;

namespace YeKuo.Security.Tests;

/// <summary>
/// A department service started while its broker is away (a deploy during an outage, a restart racing the broker's own)
/// receives its messages once the broker is there, however long it was away. Its bus start was once given up after 30 s,
/// which left such a service answering HTTP and consuming nothing until it was restarted again (a chaos run's lost notices);
/// and it reported itself unhealthy (not ready for traffic) until the broker was back, where a service running before the
/// outage reports degraded and takes writes.
/// </summary>
public sealed class BrokerAwayAtStartTests
{
    [Fact]
    public async Task A_service_started_while_the_broker_is_away_for_long_receives_once_the_broker_is_there()
    {
        using var node = new PrivateRabbitMq(start: false);
        using var host = new ServiceOnBroker<notification::Program>("notification", "Development",
            new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = $"amqp://guest:guest@127.0.0.1:{node.Port}/" });
        var notices = host.ClientAs("ops", "admin");
        // Up and ready for its work without its broker: degraded, not unhealthy.
        await Waiting.UntilAsync(async () => await HealthAsync(host) == "200 Degraded", "the service to report Degraded health without its broker");

        await Task.Delay(TimeSpan.FromSeconds(35));
        node.Start();

        var workItem = Guid.NewGuid();
        var escalation = new WorkItemEscalated(workItem, Guid.NewGuid(), "YK20260000000001", Step.SiteSurvey, Department.SupplyScheme,
            "staff-supplyscheme", "head-supplyscheme", DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host("127.0.0.1", (ushort)node.Port, "/", h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            // The service declares its queue once connected; a publish before that reaches no queue, so publish until heard.
            await Waiting.UntilAsync(async () =>
            {
                if ((await StaffNotices.ForAsync(notices, "head-supplyscheme", workItem)).Length > 0)
                {
                    return true;
                }
                await bus.Publish(escalation, c => c.MessageId = workItem);
                return false;
            }, "the escalation notice from the service started before its broker", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        }
        finally
        {
            await bus.StopAsync();
        }
        Assert.Single(await StaffNotices.ForAsync(notices, "head-supplyscheme", workItem));
        await Waiting.UntilAsync(async () => await HealthAsync(host) == "200 Healthy", "the service to report Healthy with its broker");
    }

    private static async Task<string> HealthAsync(ServiceOnBroker<notification::Program> host)
    {
        try
        {
            using var response = await host.CreateClient().GetAsync("/health");
            return $"{(int)response.StatusCode} {(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()}";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }
}
