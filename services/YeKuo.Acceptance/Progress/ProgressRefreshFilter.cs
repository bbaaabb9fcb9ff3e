using MassTransit;
using YeKuo.Contracts.Events;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// Write-through after commit: wraps every Acceptance consumer; once the consumer (and its IdempotentConsumer base,
/// which saves) has finished without an exception, the application's cached progress view is rebuilt from the
/// database, and the application's progress streams are told. Runs outside the retry, so a refresh happens once per
/// successfully handled message, or batch (the timeline's): then for each application among its messages, also when
/// the batch failed, as some of its messages may have committed on their own.
/// </summary>
public sealed class ProgressRefreshFilter<T>(ProgressCache cache, ApplicationChanges changes) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && context.Message is IEnumerable<ConsumeContext<object>>)
        {
            await RefreshAsync(context.Message, context.CancellationToken);
            throw;
        }
        await RefreshAsync(context.Message, context.CancellationToken);
    }

    private async Task RefreshAsync(T message, CancellationToken cancellationToken)
    {
        foreach (var applicationId in ApplicationsOf(message))
        {
            await cache.RefreshAsync(applicationId, cancellationToken);
            changes.Notify(applicationId);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("progress-cache-refresh");

    /// <summary>
    /// The applications whose customer views a message changes, in ascending order (the order their turns are taken in);
    /// for a batch (the timeline's, <c>IdempotentBatchConsumer</c>) those of its messages.
    /// </summary>
    public static IReadOnlyList<Guid> ApplicationsOf(object message) => message is IEnumerable<ConsumeContext<object>> batch
        ? batch.Select(m => ApplicationOf(m.Message)).OfType<Guid>().Distinct().Order().ToArray()
        : ApplicationOf(message) is { } applicationId ? [applicationId] : [];

    /// <summary>The application whose customer view a message changes; null for messages that change none.</summary>
    private static Guid? ApplicationOf(object message) => message switch
    {
        WorkItemOpened m => m.ApplicationId,
        StepCompleted m => m.ApplicationId,
        WorkItemPaused m => m.ApplicationId,
        WorkItemResumed m => m.ApplicationId,
        WorkItemClaimed m => m.ApplicationId,
        PowerConnected m => m.ApplicationId,
        // The charges: while some are unpaid, the handoff to 装表接电 waits on the customer (缴费).
        ChargesAssessed m => m.ApplicationId,
        ChargesPaid m => m.ApplicationId,
        ChargesRefunded m => m.ApplicationId,
        _ => null,
    };
}
