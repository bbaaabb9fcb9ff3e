using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using YeKuo.Contracts;
using YeKuo.Testing;
using YeKuo.IntegrationTests;

namespace YeKuo.Security.Tests;

/// <summary>
/// A known 统一社会信用代码 and phone number, through a whole application: neither appears in any process's log
/// output, in any span, or in any event a partner receives.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PiiTests(SystemFixture system)
{
    private static readonly Step[] Steps = StepDriver.HighVoltagePlan;

    [Fact]
    public async Task A_known_identity_number_and_phone_appear_in_no_log_span_or_partner_event()
    {
        var identityNumber = CreditCode(Random.Shared);
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString();

        var partnerEvents = new ConcurrentQueue<string>();
        var factory = new ConnectionFactory { Uri = new Uri(await system.App.GetConnectionStringAsync("messaging")) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, "yekuo.events", "#");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            partnerEvents.Enqueue(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var gateway = system.Gateway;
        const string customer = "customer-pii";
        using var client = await gateway.ClientAsAsync(customer);
        using var submitted = await client.PostAsJsonAsync("/api/applications", new
        {
            customerName = "海北某水泥厂",
            customerClass = "HighVoltageSingleSource",
            identityNumber,
            contactPhone = phone,
            address = "青海省海北州西海镇工业园 9 号",
            capacityKva = 800,
            voltageKv = 10,
            sourceCount = 1,
        });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var application = await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = application.GetProperty("id").GetGuid();
        var number = application.GetProperty("number").GetString()!;
        foreach (var step in Steps)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var dashboard = system.App.Telemetry!;
        await GatewayClient.WaitUntilAsync(async () =>
            partnerEvents.Any(e => e.Contains(number) && e.Contains("power.connected"))
            && (await dashboard.GetSpansAsync()).Any(s => s.Attribute("yekuo.application.id") == id.ToString()), "the partner events and spans of the application");
        await Task.Delay(TimeSpan.FromSeconds(3)); // the last spans and log lines of the run

        var secrets = new[] { identityNumber, phone };
        foreach (var resource in YeKuoSystem.HealthCheckedResources)
        {
            var logs = system.App.GetLogs(resource);
            foreach (var secret in secrets)
            {
                var leak = logs.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
                Assert.True(leak is null, $"{resource}'s log shows {secret}: {leak}");
            }
            Assert.True(logs.Count > 0 || resource is not ("acceptance" or "supplyscheme" or "inspection" or "metering" or "notification" or "gateway"),
                $"No log lines were captured for {resource}.");
        }
        // What left the processes over OTLP: every span and every structured log record the dashboard received.
        foreach (var span in await dashboard.GetSpansAsync())
        {
            var text = span.ToString() + string.Join(";", span.Attributes.Select(t => $"{t.Key}={t.Value}"));
            Assert.False(secrets.Any(s => text.Contains(s, StringComparison.Ordinal)), $"A span shows the number: {text}");
        }
        foreach (var log in await dashboard.GetLogsAsync())
        {
            var text = log.Body + string.Join(";", log.Attributes.Select(t => $"{t.Key}={t.Value}"));
            Assert.False(secrets.Any(s => text.Contains(s, StringComparison.Ordinal)), $"An exported log record of {log.Service} shows the number: {text}");
        }
        foreach (var body in partnerEvents)
        {
            Assert.False(secrets.Any(s => body.Contains(s, StringComparison.Ordinal)), $"A partner event shows the number: {body}");
        }
    }

    /// <summary>A random 统一社会信用代码 with a correct GB 32100 check character.</summary>
    private static string CreditCode(Random random)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var code = new StringBuilder("91632200");
        while (code.Length < 17)
        {
            code.Append(alphabet[random.Next(alphabet.Length)]);
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += alphabet.IndexOf(code[i]) * weights[i];
        }
        return code.Append(alphabet[(31 - sum % 31) % 31]).ToString();
    }
}
