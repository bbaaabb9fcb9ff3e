using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Publishes the outbox rows a commit wrote right after that commit, on the same flow (the request or consumer that
/// committed them), so a handoff costs one broker hop instead of a relay pass. The committer waits for its internal events'
/// confirms (up to <see cref="OutboxRelayOptions.DirectPublishTimeout"/>); their partner CloudEvents are published beside
/// them and left to finish on their own (pipelined confirms), off the handoff's path. A row whose events are all confirmed
/// is stamped sent by the <see cref="OutboxLedger{TContext}"/>.
/// Whatever does not get its confirm here (broker down, a crash) stays unsent in the outbox, and the relay publishes it.
/// </summary>
internal sealed class OutboxDispatcher<TContext>(
    OutboxPublisher publisher,
    OutboxLedger<TContext> ledger,
    TimeProvider time,
    IOptions<OutboxRelayOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcher<TContext>> logger) : IOutboxDispatcher
    where TContext : ServiceDbContext
{
    private static readonly Counter<long> LeftToRelay = MessagingTelemetry.Meter.CreateCounter<long>(
        "yekuo.outbox.left_to_relay", description: "Outbox rows the publish right after the commit did not get confirmed; the relay publishes them.");

    /// <summary>After a failed publish the broker is left alone for a moment: writes do not wait for it, the relay catches up.</summary>
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(5);

    private long _pausedUntil;

    public async Task DispatchAsync(IReadOnlyList<OutboxMessage> committed)
    {
        var now = time.GetUtcNow();
        if (!publisher.HasBus || now.UtcTicks < Interlocked.Read(ref _pausedUntil) || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        List<Task>? handoffs = null;
        foreach (var row in committed)
        {
            if (!ledger.TryClaim(row.Sequence))
            {
                continue;
            }
            (handoffs ??= []).Add(PublishAsync(row));
        }
        if (handoffs is not null)
        {
            // The committer waits for its events on the broker, not for their partner events' confirms (settled below).
            await Task.WhenAll(handoffs).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Starts the row's publish; returns its handoff (the internal event confirmed). The row is stamped sent once all its events are.</summary>
    private Task PublishAsync(OutboxMessage row)
    {
        var timeout = new CancellationTokenSource(options.Value.DirectPublishTimeout);
        var publication = publisher.Publish(row, "outbox publish", default, timeout.Token);
        _ = SettleAsync(row, publication.Confirmed, timeout);
        return publication.Handoff;
    }

    private async Task SettleAsync(OutboxMessage row, Task confirmed, CancellationTokenSource timeout)
    {
        using (timeout)
        {
            try
            {
                await confirmed;
                ledger.Sent(row.Sequence, time.GetUtcNow());
            }
            catch (Exception ex)
            {
                ledger.Release(row.Sequence);
                LeftToRelay.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", row.MessageType));
                var until = (time.GetUtcNow() + PauseAfterFailure).UtcTicks;
                if (Interlocked.Exchange(ref _pausedUntil, until) < time.GetUtcNow().UtcTicks)
                {
                    logger.LogWarning(ex, "Publishing outbox message {MessageId} right after its commit failed; the relay publishes it, and the next {Pause} s of commits",
                        row.MessageId, PauseAfterFailure.TotalSeconds);
                }
            }
        }
    }
}

/// <summary>The publish right after a commit, as <see cref="ServiceDbContext"/> sees it.</summary>
public interface IOutboxDispatcher
{
    /// <summary>Publishes rows that have just been committed; never throws (the relay covers what fails here).</summary>
    Task DispatchAsync(IReadOnlyList<OutboxMessage> committed);
}
