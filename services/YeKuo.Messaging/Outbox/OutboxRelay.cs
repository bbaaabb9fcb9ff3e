using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows through MassTransit (publisher confirms on), then marks them sent. A crash between
/// publish and mark re-publishes the row with the same MessageId, which the receivers' inbox discards. Failed
/// publishes back off per row. On start it drains whatever an earlier run left unsent. Partner-facing events are also
/// published as CloudEvents on <c>yekuo.events</c> before the row counts as sent.
/// </summary>
/// <remarks>
/// Rows of one batch are published concurrently, so receivers may see events slightly out of order; every consumer
/// is written to tolerate that (upserts keyed by work item, state checks instead of sequence assumptions).
/// </remarks>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IBus bus,
    TimeProvider time,
    IOptions<OutboxRelayOptions> options,
    CloudEventPublisher partnerEvents,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private static readonly Counter<long> Published = MessagingTelemetry.Meter.CreateCounter<long>(
        "yekuo.outbox.published", description: "Outbox rows published to the broker.");

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
                try { await signal.WaitAsync(settings.PollInterval, stoppingToken); }
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
            description: "Unsent outbox rows seen by the relay's last scan.");
        return meter;
    }

    private async Task<int> PublishBatchAsync(OutboxRelayOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();

        var rows = await db.OutboxMessages
            .Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        if (rows.Count > 0)
        {
            await Task.WhenAll(rows.Select(row => PublishAsync(row, settings, cancellationToken)));
            await db.SaveChangesAsync(cancellationToken);
        }

        Interlocked.Exchange(ref _backlog, rows.Count < settings.BatchSize
            ? rows.Count(r => r.SentAt is null)
            : await db.OutboxMessages.CountAsync(m => m.SentAt == null, cancellationToken));
        return rows.Count;
    }

    private async Task PublishAsync(OutboxMessage row, OutboxRelayOptions settings, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = MessagingTelemetry.Source.StartActivity("outbox relay", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());
        activity?.SetTag("yekuo.message.type", row.MessageType);
        if (row.ApplicationId is { } applicationId)
        {
            activity?.SetTag("yekuo.application.id", applicationId.ToString());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        try
        {
            var type = Messages.TypeOf(row.MessageType);
            var message = JsonSerializer.Deserialize(row.Body, type, MessageJson.Options)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
            HandoffTelemetry.TagProducer(activity, message);
            // WaitAsync too: a confirm lost with the broker's connection may never honour the token.
            await bus.Publish(message, type, context => context.MessageId = row.MessageId, timeout.Token).WaitAsync(timeout.Token);
            // Partner events go to the bus's own broker; an in-memory bus (component tests) has none.
            var partnerFacing = bus.Address.Scheme.StartsWith("rabbitmq", StringComparison.Ordinal) ? PartnerEventMapper.Map(message) : [];
            foreach (var partnerEvent in partnerFacing)
            {
                await partnerEvents.PublishAsync(partnerEvent, $"{row.MessageId}/{partnerEvent.Type}", row.TraceParent, timeout.Token).WaitAsync(timeout.Token);
            }
            row.SentAt = time.GetUtcNow();
            row.LastError = null;
            Published.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", row.MessageType));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            row.Attempts++;
            var delay = TimeSpan.FromTicks(Math.Min(
                settings.MaxBackoff.Ticks,
                settings.InitialBackoff.Ticks * (1L << Math.Min(row.Attempts - 1, 20))));
            row.NextAttemptAt = time.GetUtcNow() + delay;
            var error = ex is OperationCanceledException ? $"No broker confirm within {settings.PublishTimeout.TotalSeconds:0} s." : ex.Message;
            row.LastError = error.Length > 1000 ? error[..1000] : error;
            activity?.SetStatus(ActivityStatusCode.Error, row.LastError);
            Failures.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", row.MessageType));
            logger.LogWarning(ex, "Publishing outbox message {MessageId} failed (attempt {Attempts}); next try in {Delay}",
                row.MessageId, row.Attempts, delay);
        }
    }
}
