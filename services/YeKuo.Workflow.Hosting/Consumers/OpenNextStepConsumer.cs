using MassTransit;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Workflow.Hosting.Consumers;

/// <summary>
/// The receiving side of every handoff: when a step completes anywhere, the department hosting the next step of the
/// application's plan opens its work item. The broker brings this endpoint only the completions whose next step this
/// service hosts (<see cref="HandoffRouting"/>); any other (a copy left in the queue from before) is dropped unread. An
/// outcome that does not let the plan move on (a failed check, a scheme the customer wants changed) sends the application
/// back as the step's catalogue entry says (<see cref="StepDefinition.SendsBackTo"/>): that step opens in its next round
/// on a new clock, or, when it names none in the plan, the same step does. A handoff between two steps of the same
/// service does not come here: the completion opens the next step in its own commit (<see cref="StepOpener{TContext}.OpensHere"/>).
/// </summary>
public sealed class OpenNextStepConsumer<TContext>(TContext db, TimeProvider time, StepOpener<TContext> opener)
    : IdempotentConsumer<StepCompleted, TContext>(db, time)
    where TContext : WorkflowDbContext
{
    /// <summary>
    /// A completion that opens a step another department hosts, or whose handoff its own service already handled, is
    /// dropped before the inbox is read.
    /// </summary>
    protected override bool Concerns(StepCompleted message) =>
        !message.NextStepHandled && opener.HostedNextStep(message) is not null;

    protected override Task HandleAsync(StepCompleted message, ConsumeContext<StepCompleted> context) =>
        opener.OpenAsync(message, context.CancellationToken);
}
