using MassTransit;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>
/// 超时预警 of any department: the 客户经理's worklist shows it on the application, the reports count it for the
/// 责任人. Once per work item and level: the inbox skips a redelivery, the key a copy under another message id.
/// </summary>
public sealed class DeadlineWarningRaisedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<DeadlineWarningRaised, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(DeadlineWarningRaised message, ConsumeContext<DeadlineWarningRaised> context)
    {
        if (await Db.StepWarnings.FindAsync([message.WorkItemId, message.Level], context.CancellationToken) is null)
        {
            Db.StepWarnings.Add(new StepWarning
            {
                WorkItemId = message.WorkItemId,
                Level = message.Level,
                ApplicationId = message.ApplicationId,
                Step = message.Step,
                Department = message.Department,
                Assignee = string.IsNullOrWhiteSpace(message.Assignee) ? null : message.Assignee.Trim(),
                RaisedAt = message.RaisedAt,
            });
        }
    }
}
