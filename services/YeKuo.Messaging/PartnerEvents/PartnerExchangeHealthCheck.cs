using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace YeKuo.Messaging.PartnerEvents;

/// <summary>
/// Not healthy until the public exchange <c>yekuo.events</c> has been declared once, so a partner that binds its queue as
/// soon as the system reports healthy finds the exchange (declared by the first publish only, a partner got 404). Degraded,
/// not unhealthy, until then: a service started during a broker outage still takes writes (their events wait in the
/// outbox), as one that was running before it does. The exchange is durable: once declared, broker outages are the
/// broker check's to report, not this one's.
/// </summary>
public sealed class PartnerExchangeHealthCheck(CloudEventPublisher publisher) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (publisher.ExchangeDeclared)
        {
            return HealthCheckResult.Healthy($"{CloudEventPublisher.Exchange} declared");
        }
        try
        {
            await publisher.EnsureExchangeAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{CloudEventPublisher.Exchange} declared");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{CloudEventPublisher.Exchange} not declared yet", e);
        }
    }
}
