using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using YeKuo.Notification.Webhooks;

namespace YeKuo.Notification.Tests.Webhooks;

/// <summary>
/// Server-side request forgery through webhooks: a partner must not make the service reach loopback, private,
/// link-local, shared (CGNAT), unspecified or multicast addresses, nor cloud metadata names, whatever the spelling,
/// neither at registration nor when a delivery connects; and the delivery log must not turn the dispatcher into a
/// port scanner. Every target here is on this machine's loopback: no test sends a packet anywhere else.
/// </summary>
public sealed class WebhookTargetTests
{
    /// <summary>Production settings: no loopback, no private targets.</summary>
    public class WebhookApp : NotificationApp
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            base.ConfigureSettings(builder);
            builder.UseSetting("Notification:Webhooks:PollInterval", "00:00:00.100");
            // One attempt per delivery within a test.
            builder.UseSetting("Notification:Webhooks:InitialBackoff", "00:10:00");
            builder.UseSetting("Notification:Webhooks:MaxBackoff", "01:00:00");
            ConfigureWebhooks(builder);
        }

        protected virtual void ConfigureWebhooks(IWebHostBuilder builder)
        {
        }
    }

    /// <summary>A local run's settings: loopback targets allowed, private ones still not.</summary>
    public sealed class LocalRunWebhookApp : WebhookApp
    {
        protected override void ConfigureWebhooks(IWebHostBuilder builder) =>
            builder.UseSetting("Notification:Webhooks:AllowLoopback", "true");
    }

    /// <summary>Loopback allowed in a staging environment: the service must not start.</summary>
    public sealed class StagingWithLoopbackApp : WebhookApp
    {
        protected override void ConfigureWebhooks(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Staging");
            // A broker login of its own, as outside Development (guest would stop the host first).
            builder.UseSetting("ConnectionStrings:messaging", "amqp://notification:not-guest@127.0.0.1:5672/yekuo");
            builder.UseSetting("Notification:Webhooks:AllowLoopback", "true");
        }
    }

    [Fact]
    public void Loopback_targets_are_refused_at_start_outside_Development()
    {
        using var app = new StagingWithLoopbackApp();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Notification:Webhooks:AllowLoopback", error.ToString());
    }

    /// <summary>Every spelling of a target a partner must not register, with production settings.</summary>
    public static TheoryData<string> ForbiddenTargets => new()
    {
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::]:8080/",
        "http://localhost.:8080/",
        "http://127.0.0.1.nip.io:8080/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://0.0.0.0:8080/",
        "http://[::ffff:7f00:1]:8080/",
        "http://2130706433/",
        "http://[::1]:8080/",
        "http://127.0.0.1:8080/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://[fd00::1]/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://metadata/",
        "http://intranet/",
    };

    /// <summary>What a local run (loopback allowed, private not) must still refuse.</summary>
    public static TheoryData<string> ForbiddenEvenLocally => new()
    {
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::]:8080/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://0.0.0.0:8080/",
        "http://10.0.0.1/",
        "http://[fd00::1]/",
        "http://224.0.0.1/",
        "http://metadata/",
    };

    public sealed class Registration(WebhookApp app) : IClassFixture<WebhookApp>
    {
        [Theory]
        [MemberData(nameof(ForbiddenTargets), MemberType = typeof(WebhookTargetTests))]
        public async Task A_non_public_target_is_refused_at_registration_with_production_settings(string url)
        {
            using var response = await app.ClientAs("partner-ssrf").PostAsJsonAsync("/api/notifications/webhooks",
                new { url, eventTypes = new[] { "cn.yekuo.application.accepted.v1" } });

            Assert.Equal(["url"], await NotificationApp.FieldErrorsAsync(response));
        }
    }

    public sealed class LocalRegistration(LocalRunWebhookApp app) : IClassFixture<LocalRunWebhookApp>
    {
        [Theory]
        [MemberData(nameof(ForbiddenEvenLocally), MemberType = typeof(WebhookTargetTests))]
        public async Task Allowing_loopback_for_a_local_run_does_not_allow_private_link_local_or_shared_targets(string url)
        {
            using var response = await app.ClientAs("partner-ssrf").PostAsJsonAsync("/api/notifications/webhooks",
                new { url, eventTypes = new[] { "cn.yekuo.application.accepted.v1" } });

            Assert.Equal(["url"], await NotificationApp.FieldErrorsAsync(response));
        }

        [Theory]
        [InlineData("localhost.")]
        [InlineData("127.0.0.1.nip.io")]
        [InlineData("[::ffff:127.0.0.1]")]
        [InlineData("[::1]")]
        public async Task A_local_run_may_register_loopback_in_any_spelling(string host)
        {
            using var response = await app.ClientAs("partner-local").PostAsJsonAsync("/api/notifications/webhooks",
                new { url = $"http://{host}:8080/hooks", eventTypes = new[] { "cn.yekuo.application.accepted.v1" } });

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        [Fact]
        public async Task A_delivery_connects_to_the_address_its_name_resolves_to_when_that_is_allowed()
        {
            await using var receiver = new LoopbackReceiver();
            var host = $"hooks-{Guid.NewGuid():N}.partner.example";
            app.Resolver.Set(host, "::ffff:127.0.0.1");
            var subscription = await SubscribeDirectlyAsync(app, "partner-local-delivery", $"http://{host}:{receiver.Port}/hooks");

            await app.PublishAsync(new Events().Accepted("cm-zhang"));

            var attempt = await FirstAttemptAsync(app, "partner-local-delivery", subscription);
            Assert.Equal(204, attempt.GetProperty("statusCode").GetInt32());
            Assert.Equal("POST /hooks HTTP/1.1", Assert.Single(receiver.Requests));
            // Connected to the address judged, as IPv4.
            Assert.Contains(app.Connector.Attempts, a => a.Address.Equals(IPAddress.Loopback) && a.Port == receiver.Port);
        }

        [Fact]
        public async Task The_delivery_log_shows_no_raw_network_error_of_a_target_that_does_not_answer()
        {
            var closedPort = ClosedPort();
            var subscription = await SubscribeDirectlyAsync(app, "partner-ssrf-closed", $"http://127.0.0.1:{closedPort}/hooks");
            await app.PublishAsync(new Events().Accepted("cm-zhang"));

            var attempt = await FirstAttemptAsync(app, "partner-ssrf-closed", subscription);

            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
            var error = attempt.GetProperty("error").GetString()!;
            Assert.DoesNotContain(closedPort.ToString(), error);
            Assert.DoesNotContain("refused", error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", error);
            Assert.Equal(WebhookAttemptErrors.NoAnswer, error);
        }
    }

    public sealed class Delivery(WebhookApp app) : IClassFixture<WebhookApp>
    {
        [Fact]
        public async Task A_delivery_never_connects_to_a_forbidden_address_and_its_log_shows_no_status()
        {
            await using var receiver = new LoopbackReceiver();
            // Subscriptions stored before the settings changed (or written past the API): the dispatcher checks where it
            // connects, whatever registration let through.
            var targets = new[]
            {
                $"http://[::]:{receiver.Port}/unspecified",
                $"http://[::ffff:127.0.0.1]:{receiver.Port}/mapped",
                $"http://127.0.0.1:{receiver.Port}/loopback",
                $"http://0.0.0.0:{receiver.Port}/zero",
            };
            var subscriptions = new List<Guid>();
            foreach (var target in targets)
            {
                subscriptions.Add(await SubscribeDirectlyAsync(app, "partner-ssrf-delivery", target));
            }

            await app.PublishAsync(new Events().Accepted("cm-zhang"));

            foreach (var subscription in subscriptions)
            {
                var attempt = await FirstAttemptAsync(app, "partner-ssrf-delivery", subscription);
                Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
                Assert.Equal(WebhookAttemptErrors.RefusedTarget, attempt.GetProperty("error").GetString());
            }
            Assert.Empty(receiver.Requests);
            Assert.DoesNotContain(app.Connector.Attempts, a => a.Port == receiver.Port);
        }

        /// <summary>A name that was public at registration and points inside later (DNS rebinding), in every spelling of the issue.</summary>
        [Theory]
        [InlineData("::ffff:169.254.169.254")]
        [InlineData("::ffff:10.0.0.1")]
        [InlineData("100.64.0.1")]
        [InlineData("169.254.169.254")]
        [InlineData("::")]
        [InlineData("127.0.0.1")]
        [InlineData("93.184.216.34", "10.0.0.7")]
        [InlineData("64:ff9b::a9fe:a9fe")]
        [InlineData("2002:a9fe:a9fe::1")]
        public async Task A_name_that_resolves_inside_at_delivery_time_is_refused_in_the_connect_step(params string[] addresses)
        {
            var host = $"rebind-{Guid.NewGuid():N}.partner.example";
            app.Resolver.Set(host, "93.184.216.34");
            using var created = await app.ClientAs("partner-rebind").PostAsJsonAsync("/api/notifications/webhooks",
                new { url = $"https://{host}/hooks", eventTypes = new[] { "cn.yekuo.application.accepted.v1" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var subscription = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            app.Resolver.Set(host, addresses);

            await app.PublishAsync(new Events().Accepted("cm-zhang"));

            var attempt = await FirstAttemptAsync(app, "partner-rebind", subscription);
            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
            Assert.Equal(WebhookAttemptErrors.RefusedTarget, attempt.GetProperty("error").GetString());
            Assert.Empty(app.Connector.Attempts);
        }
    }

    public sealed class Addresses
    {
        [Theory]
        [InlineData("::ffff:169.254.169.254", WebhookAddressKind.LinkLocal)]
        [InlineData("::ffff:10.0.0.1", WebhookAddressKind.Private)]
        [InlineData("::ffff:7f00:1", WebhookAddressKind.Loopback)]
        [InlineData("::a9fe:a9fe", WebhookAddressKind.LinkLocal)]
        [InlineData("64:ff9b::a00:1", WebhookAddressKind.Private)]
        [InlineData("2002:6440:1::", WebhookAddressKind.Shared)]
        [InlineData("::", WebhookAddressKind.Unspecified)]
        [InlineData("0.0.0.0", WebhookAddressKind.Unspecified)]
        [InlineData("::1", WebhookAddressKind.Loopback)]
        [InlineData("127.8.9.10", WebhookAddressKind.Loopback)]
        [InlineData("100.64.0.1", WebhookAddressKind.Shared)]
        [InlineData("100.127.255.254", WebhookAddressKind.Shared)]
        [InlineData("100.128.0.1", WebhookAddressKind.Public)]
        [InlineData("172.31.0.1", WebhookAddressKind.Private)]
        [InlineData("172.32.0.1", WebhookAddressKind.Public)]
        [InlineData("fe80::1", WebhookAddressKind.LinkLocal)]
        [InlineData("fd12:3456::1", WebhookAddressKind.Private)]
        [InlineData("ff02::1", WebhookAddressKind.Multicast)]
        [InlineData("239.255.255.250", WebhookAddressKind.Multicast)]
        [InlineData("255.255.255.255", WebhookAddressKind.Reserved)]
        [InlineData("192.0.2.10", WebhookAddressKind.Reserved)]
        [InlineData("2001:db8::1", WebhookAddressKind.Reserved)]
        [InlineData("93.184.216.34", WebhookAddressKind.Public)]
        [InlineData("2606:2800:220:1::", WebhookAddressKind.Public)]
        public void Every_address_is_judged_as_the_IPv4_address_it_carries(string address, WebhookAddressKind kind) =>
            Assert.Equal(kind, WebhookAddresses.Classify(IPAddress.Parse(address)));
    }

    /// <summary>Stores a subscription as registration once did (no check), for the dispatcher to meet.</summary>
    internal static async Task<Guid> SubscribeDirectlyAsync(NotificationApp app, string owner, string url)
    {
        var subscription = WebhookSubscription.Create(owner, new Uri(url), ["cn.yekuo.application.accepted.v1"], DateTimeOffset.UtcNow);
        await app.QueryAsync(async db =>
        {
            db.WebhookSubscriptions.Add(subscription);
            return await db.SaveChangesAsync();
        });
        return subscription.Id;
    }

    /// <summary>The first attempt of the subscription's delivery, as its owner reads it in the delivery log.</summary>
    internal static async Task<JsonElement> FirstAttemptAsync(NotificationApp app, string owner, Guid subscription)
    {
        var partner = app.ClientAs(owner);
        JsonElement attempt = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (attempt.ValueKind != JsonValueKind.Object)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No delivery attempt for subscription {subscription}.");
            var log = await partner.GetFromJsonAsync<JsonElement[]>($"/api/notifications/webhooks/{subscription}/deliveries");
            attempt = log!.SelectMany(d => d.GetProperty("attemptLog").EnumerateArray()).FirstOrDefault();
            if (attempt.ValueKind != JsonValueKind.Object)
            {
                await Task.Delay(50);
            }
        }
        return attempt;
    }

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
