using MassTransit;
using YeKuo.Contracts.Events;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// Write-through after commit: wraps every Acceptance consumer; once the consumer (and its IdempotentConsumer base,
/// which saves) has finished without an exception, the application's cached progress view is rebuilt from the
/// database, and the application's progress streams are told. Runs outside the retry, so a refresh happens once per
/// successfully handled message.
/// </summary>
public sealed class ProgressRefreshFilter<T>(ProgressCache cache, ApplicationChanges changes) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        await next.Send(context);
        if (ApplicationOf(context.Message) is { } applicationId)
        {
            await cache.RefreshAsync(applicationId, context.CancellationToken);
            changes.Notify(applicationId);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("progress-cache-refresh");

    /// <summary>The application whose customer view a message changes; null for messages that change none.</summary>
    public static Guid? ApplicationOf(object message) => message switch
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
