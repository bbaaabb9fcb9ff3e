using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>A partner without AMQP subscribes a webhook and receives signed CloudEvents, retried after a failure.</summary>
[Collection(SystemCollection.Name)]
public sealed class WebhookTests(SystemFixture system)
{
    private sealed record Received(string DeliveryId, string Signature, string Timestamp, string ContentType, string Body, int StatusAnswered);

    [Fact]
    public async Task A_partner_webhook_gets_signed_CloudEvents_and_a_retry_after_answering_500()
    {
        var gateway = system.Gateway;
        using var partner = new HttpClient { BaseAddress = gateway.Http.BaseAddress };
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await MetricsTests.DevTokenAsync(gateway, "partner-webhook", "partner"));

        // Invalid subscriptions are refused with field errors.
        using (var bad = await partner.PostAsJsonAsync("/api/notifications/webhooks", new { url = "ftp://example.com/x", eventTypes = new[] { "cn.yekuo.nope.v1" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
            Assert.True(problem.GetProperty("errors").TryGetProperty("eventTypes", out _));
        }

        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new ConcurrentQueue<Received>();
        var failedOnce = new ConcurrentDictionary<string, bool>();
        string? number = null;
        using var stop = new CancellationTokenSource();
        var receiver = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var delivery = context.Request.Headers["X-YeKuo-Delivery"] ?? "";
                // The first delivery of our application's acceptance fails with 500; every other one succeeds.
                var status = number is not null && body.Contains(number, StringComparison.Ordinal) && failedOnce.TryAdd(delivery, true) ? 500 : 204;
                received.Enqueue(new Received(delivery, context.Request.Headers["X-YeKuo-Signature"] ?? "", context.Request.Headers["X-YeKuo-Timestamp"] ?? "",
                    context.Request.ContentType ?? "", body, status));
                context.Response.StatusCode = status;
                context.Response.Close();
            }
        });

        try
        {
            using var created = await partner.PostAsJsonAsync("/api/notifications/webhooks",
                new { url = $"http://127.0.0.1:{port}/hooks/yekuo", eventTypes = new[] { "cn.yekuo.application.accepted.v1" } });
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            var subscription = await created.Content.ReadFromJsonAsync<JsonElement>();
            var subscriptionId = subscription.GetProperty("id").GetGuid();
            var secret = subscription.GetProperty("secret").GetString()!;
            Assert.StartsWith("whsec_", secret);

            var listed = await partner.GetFromJsonAsync<JsonElement[]>("/api/notifications/webhooks");
            var mine = Assert.Single(listed!, s => s.GetProperty("id").GetGuid() == subscriptionId);
            Assert.False(mine.TryGetProperty("secret", out _), "the secret is shown only once");

            var submitted = await gateway.SubmitAsync("customer-webhook", CustomerClass.HighVoltageSingleSource);
            number = submitted.GetProperty("number").GetString()!;
            using (var accepted = await gateway.CompleteStepAsync(submitted.GetProperty("id").GetGuid(), Step.Acceptance, StepDriver.ActorFor(Step.Acceptance, "customer-webhook")))
            {
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            }

            List<Received> ours = [];
            await GatewayClient.WaitUntilAsync(() =>
            {
                ours = received.Where(r => r.Body.Contains(number, StringComparison.Ordinal)).ToList();
                return Task.FromResult(ours.Any(r => r.StatusAnswered == 500) && ours.Any(r => r.StatusAnswered == 204));
            }, "the webhook delivery, a 500 and its retry");

            Assert.Single(ours.Select(r => r.DeliveryId).Distinct());
            foreach (var request in ours)
            {
                var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(request.Body)));
                Assert.Equal(expected, request.Signature);
                Assert.True(long.TryParse(request.Timestamp, out var unix) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - unix) < 600);
                Assert.StartsWith("application/cloudevents+json", request.ContentType);
                var cloudEvent = JsonDocument.Parse(request.Body).RootElement;
                Assert.Equal("cn.yekuo.application.accepted.v1", cloudEvent.GetProperty("type").GetString());
                Assert.Equal(number, cloudEvent.GetProperty("subject").GetString());
                Assert.Equal("/yekuo/acceptance", cloudEvent.GetProperty("source").GetString());
                Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", cloudEvent.GetProperty("traceparent").GetString()!);
            }

            // The delivery log shows both attempts.
            JsonElement delivery = default;
            await GatewayClient.WaitUntilAsync(async () =>
            {
                var log = await partner.GetFromJsonAsync<JsonElement[]>($"/api/notifications/webhooks/{subscriptionId}/deliveries");
                delivery = log!.FirstOrDefault(d => d.GetProperty("subject").GetString() == number);
                return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("status").GetString() == "Delivered";
            }, "the delivery log to show the delivery");
            Assert.Equal(ours[0].DeliveryId, delivery.GetProperty("id").GetGuid().ToString());
            Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
            Assert.Equal([500, 204], delivery.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));

            using var deleted = await partner.DeleteAsync($"/api/notifications/webhooks/{subscriptionId}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            using var gone = await partner.GetAsync($"/api/notifications/webhooks/{subscriptionId}/deliveries");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await receiver;
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
