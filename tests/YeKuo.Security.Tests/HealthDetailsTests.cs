extern alias notification;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using YeKuo.Security.Tests.Infrastructure;
using YeKuo.Tests.Support;

namespace YeKuo.Security.Tests;

/// <summary>
/// <c>/health</c> tells anyone the status (and the status code says it: all Aspire, the AppHost and Kubernetes probes
/// read), and only an admin which dependency is in what state, on a service's own port and at the gateway.
/// </summary>
public sealed class HealthDetailsTests
{
    /// <summary>A broker login of the service's own: nothing listens there, so the bus is down but the host starts.</summary>
    private const string OwnBrokerUser = "amqp://notification:a-long-broker-password@127.0.0.1:1/yekuo";

    private static HttpClient As(HttpClient client, string? subject, string? role)
    {
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(subject, role!, role is "staff" ? "Notification" : null));
        }
        return client;
    }

    public static TheoryData<string?, string?, bool> Callers => new()
    {
        { null, null, false },
        { "cust-health", "customer", false },
        { "staff-notification", "staff", false },
        { "platform-ops", "platform", false },
        { "ops", "admin", true },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Health_at_the_gateway_shows_its_checks_to_admins_only(string? subject, string? role, bool details)
    {
        using var redis = new PrivateRedis("health-test-password");
        using var gateway = new StagingGateway(redis.ConnectionString);

        using var health = await As(gateway.CreateClient(), subject, role).GetAsync("/health");
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(details, report.TryGetProperty("checks", out _));
        Assert.Equal(details ? 3 : 1, report.EnumerateObject().Count());
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Health_on_a_service_port_shows_its_checks_to_admins_only(string? subject, string? role, bool details)
    {
        using var host = new ServiceOnBroker<notification::Program>("notification", "Staging", new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = OwnBrokerUser });

        using var health = await As(host.CreateClient(), subject, role).GetAsync("/health");
        var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;

        // The broker is not there, so not healthy; the status code says so to anyone (it is all Aspire and Kubernetes
        // probes read): 503 while unhealthy, 200 once degraded.
        var status = report.GetProperty("status").GetString();
        Assert.Contains(status, new[] { "Unhealthy", "Degraded" });
        Assert.Equal(status == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(details, report.TryGetProperty("checks", out _));
        Assert.Equal(details, report.ToString().Contains("\"broker\"", StringComparison.Ordinal));
    }
}
