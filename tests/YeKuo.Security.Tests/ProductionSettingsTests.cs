extern alias acceptance;
extern alias notification;
using System.Net;
using YeKuo.Messaging;
using YeKuo.Security.Tests.Infrastructure;

namespace YeKuo.Security.Tests;

/// <summary>
/// What production requires of a host's infrastructure settings, and what it tells strangers: the broker's guest
/// account or a missing password, or a cache without a password, stop a host outside Development (local runs keep
/// them); <c>amqps://</c> means TLS.
/// </summary>
public sealed class ProductionSettingsTests
{
    /// <summary>A broker login of the service's own: nothing listens there, so the bus is down but the host starts.</summary>
    private const string OwnBrokerUser = "amqp://notification:a-long-broker-password@127.0.0.1:1/yekuo";

    private static ServiceOnBroker<notification::Program> Notification(string environment, params (string Key, string? Value)[] settings) =>
        new("notification", environment, settings.ToDictionary(s => s.Key, s => s.Value));

    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:1/")]
    [InlineData("amqp://GUEST:guest@broker.internal/yekuo")]
    [InlineData("amqps://guest:guest@broker.internal/yekuo")]
    [InlineData("amqp://127.0.0.1:1/")]
    [InlineData("amqp://notification@127.0.0.1:1/yekuo")]
    [InlineData("amqp://notification:@127.0.0.1:1/yekuo")]
    public void A_service_refuses_to_start_outside_Development_with_guest_or_without_a_broker_password(string broker)
    {
        using var host = Notification("Staging", ("ConnectionStrings:messaging", broker));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("ConnectionStrings:messaging", error.ToString());
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task A_service_starts_outside_Development_with_a_broker_user_of_its_own(string environment)
    {
        using var host = Notification(environment, ("ConnectionStrings:messaging", OwnBrokerUser));

        using var alive = await host.CreateClient().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task A_local_run_keeps_the_guest_broker()
    {
        using var host = Notification("Development", ("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/"));

        using var alive = await host.CreateClient().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData("amqp://acceptance:p%40ss%3Aword@broker.internal/yekuo", "broker.internal", 5672, "yekuo", "acceptance", "p@ss:word", false)]
    [InlineData("amqps://acceptance:secret@broker.internal/yekuo", "broker.internal", 5671, "yekuo", "acceptance", "secret", true)]
    [InlineData("amqps://acceptance:secret@broker.internal:15671/", "broker.internal", 15671, "/", "acceptance", "secret", true)]
    [InlineData("amqp://127.0.0.1:5673/", "127.0.0.1", 5673, "/", "guest", "guest", false)]
    public void The_broker_address_reads_credentials_virtual_host_and_TLS_from_the_uri(
        string uri, string host, int port, string virtualHost, string user, string password, bool tls)
    {
        Assert.Equal(new BrokerAddress(host, port, virtualHost, user, password, tls), BrokerAddress.Parse(uri));
        Assert.DoesNotContain($":{password}@", BrokerAddress.Parse(uri).ToString());
    }

    [Theory]
    [InlineData("http://broker.internal/")]
    [InlineData("broker.internal:5672")]
    public void A_broker_address_that_is_not_amqp_is_refused(string uri)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BrokerAddress.Parse(uri));

        Assert.Contains("ConnectionStrings:messaging", error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:1")]
    [InlineData("redis.internal:6380,ssl=true")]
    [InlineData("redis.internal:6379,password=")]
    public void The_gateway_refuses_to_start_outside_Development_with_a_cache_without_password(string cache)
    {
        using var gateway = new StagingGateway(cache);

        var error = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("ConnectionStrings:cache", error.ToString());
    }

    [Fact]
    public void Acceptance_refuses_to_start_outside_Development_with_a_cache_without_password()
    {
        using var host = new ServiceOnBroker<acceptance::Program>("acceptance", "Staging", new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = "amqp://acceptance:a-long-broker-password@127.0.0.1:1/yekuo",
            ["ConnectionStrings:cache"] = "127.0.0.1:1",
        });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("ConnectionStrings:cache", error.ToString());
    }
}
