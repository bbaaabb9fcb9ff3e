using Microsoft.Extensions.DependencyInjection;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Acceptance.Steps;

/// <summary>受理 done: the documents are complete. Accepts the application, assigns its 客户经理 and hands it to 供电方案.</summary>
public sealed class AcceptanceCompletion : StepCompletion<AcceptanceCompletion.Body, AcceptanceOutcome>
{
    public sealed record Body(bool? DocumentsComplete, string? Remarks);

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        if (body.DocumentsComplete != true)
        {
            errors.Add("documentsComplete", "Accepting needs complete documents (资料齐全); reject the application with its reasons otherwise.");
        }
        errors.Optional("remarks", body.Remarks, 1000);
    }

    protected override AcceptanceOutcome Outcome(Body body, WorkItem item) => new(body.Remarks is { Length: > 0 } remarks ? remarks.Trim() : null);

    protected override async Task OnCompletedAsync(WorkItem item, Body body, StepCompletionContext context)
    {
        var db = context.Services.GetRequiredService<AcceptanceDbContext>();
        var application = await db.Applications.FindAsync([item.ApplicationId], context.CancellationToken)
            ?? throw new WorkItemRuleException($"Application {item.ApplicationNumber} is missing.");
        // A concurrent completion of this item may have accepted the application after this request read the item:
        // that is the same conflict as the item's own version check (409), not a broken rule of the application.
        if (application.Status != ApplicationStatus.Submitted)
        {
            throw new WorkItemRuleException($"Application {application.Number} is {application.Status}: it is no longer waiting for 受理.");
        }

        // The customer's one 客户经理 (assigned with their first application, kept for every later one).
        var manager = await context.Services.GetRequiredService<CustomerManagerAssigner>()
            .ManagerOfAsync(application.CustomerId, context.Now, context.CancellationToken);
        application.Accept(item.PolicyVersion, item.Plan, manager, context.Now);
        context.Outbox.Enqueue(new ApplicationAccepted(
            application.Id, application.Number, application.CustomerId, application.CustomerClass, application.CapacityKva,
            application.VoltageKv, application.SourceCount, item.PolicyVersion, item.Plan, manager, context.Now,
            application.Kind, application.AccountNumber, application.TemporaryUntil), application.Id);
    }
}
