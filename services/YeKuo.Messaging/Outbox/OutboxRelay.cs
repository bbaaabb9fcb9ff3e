using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// The safety net behind the publish right after each commit (<see cref="OutboxDispatcher{TContext}"/>): every
/// <see cref="OutboxRelayOptions.PollInterval"/> it publishes the committed rows still unsent after
/// <see cref="OutboxRelayOptions.RelayAfter"/> (a crash between commit and confirm, a broker that was down, another
/// replica that died), with the row's MessageId, so a copy of something already delivered is discarded by the receivers'
/// inbox. Failed publishes back off per row. On start it drains whatever an earlier run left unsent. Each row is stamped
/// sent as soon as its own confirm is in (<see cref="OutboxLedger{TContext}"/>), not when the slowest of its batch is.
/// </summary>
/// <remarks>
/// Rows are published concurrently, so receivers may see events slightly out of order; every consumer is written to
/// tolerate that (upserts keyed by work item, state checks instead of sequence assumptions).
/// </remarks>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    OutboxPublisher publisher,
    OutboxLedger<TContext> ledger,
    TimeProvider time,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private static readonly Counter<long> Failures = MessagingTelemetry.Meter.CreateCounter<long>(
        "yekuo.outbox.publish_failures", description: "Failed publish attempts of outbox rows; they are retried with backoff.");

    private long _backlog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var backlogGauge = BacklogGauge();
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await PublishBatchAsync(settings, stoppingToken) == settings.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; retrying after the poll interval");
            }

            if (!full)
            {
                try { await Task.Delay(settings.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private IDisposable BacklogGauge()
    {
        // One gauge per relay instance, tagged by the context so a host with several databases stays readable.
        var meter = new Meter(MessagingTelemetry.Name);
        meter.CreateObservableGauge("yekuo.outbox.backlog", () => new Measurement<long>(Interlocked.Read(ref _backlog),
            new KeyValuePair<string, object?>("yekuo.db_context", typeof(TContext).Name)),
            description: "Unsent outbox rows the relay found older than Outbox:RelayAfter in its last scan.");
        return meter;
    }

    private async Task<int> PublishBatchAsync(OutboxRelayOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        var committedBefore = now - settings.RelayAfter;

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.CreatedAt <= committedBefore && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        Interlocked.Exchange(ref _backlog, rows.Count);

        // Rows under way in this process (their publish right after the commit, or an earlier pass) are not taken twice.
        var claimed = rows.Where(row => ledger.TryClaim(row.Sequence)).ToList();
        await Task.WhenAll(claimed.Select(row => PublishAsync(row, settings, cancellationToken)));
        return rows.Count;
    }

    private async Task PublishAsync(OutboxMessage row, OutboxRelayOptions settings, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        try
        {
            await publisher.PublishAsync(row, "outbox relay", parent, timeout.Token);
            ledger.Sent(row.Sequence, time.GetUtcNow());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = row.Attempts + 1;
            var delay = TimeSpan.FromTicks(Math.Min(
                settings.MaxBackoff.Ticks,
                settings.InitialBackoff.Ticks * (1L << Math.Min(attempts - 1, 20))));
            var error = ex is OperationCanceledException ? $"No broker confirm within {settings.PublishTimeout.TotalSeconds:0} s." : ex.Message;
            ledger.Failed(row.Sequence, new OutboxLedger<TContext>.FailedAttempt(attempts, time.GetUtcNow() + delay, error.Length > 1000 ? error[..1000] : error));
            Failures.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", row.MessageType));
            logger.LogWarning(ex, "Publishing outbox message {MessageId} failed (attempt {Attempts}); next try in {Delay}",
                row.MessageId, attempts, delay);
        }
        catch
        {
            // Stopping: the row stays unsent for the next start.
            ledger.Release(row.Sequence);
        }
    }
}
