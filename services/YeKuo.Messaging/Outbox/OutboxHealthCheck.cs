using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Degraded while the oldest unsent outbox row is older than <see cref="OutboxRelayOptions.StaleAfter"/>: events are
/// committed but not reaching other departments (broker down, or a relay that stopped making progress).
/// </summary>
internal sealed class OutboxHealthCheck<TContext>(TContext db, TimeProvider time, IOptions<OutboxRelayOptions> options) : IHealthCheck
    where TContext : ServiceDbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unsent = db.OutboxMessages.Where(m => m.SentAt == null);
        // Smallest sequence = oldest row; ordering by the key avoids sorting a DateTimeOffset column SQLite cannot order.
        var oldest = await unsent.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (oldest is null)
        {
            return HealthCheckResult.Healthy("No unsent events.");
        }

        var age = time.GetUtcNow() - oldest.Value;
        var data = new Dictionary<string, object> { ["oldestUnsentSeconds"] = Math.Round(age.TotalSeconds, 1) };
        return age > options.Value.StaleAfter
            ? HealthCheckResult.Degraded($"The oldest unsent event waits for {age.TotalSeconds:0} s.", data: data)
            : HealthCheckResult.Healthy("Unsent events are recent.", data);
    }
}
