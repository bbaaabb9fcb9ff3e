using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Metering.Steps;

/// <summary>装表接电: the meter is installed and the supply energized; the customer has power.</summary>
public sealed class PowerConnectionCompletion : StepCompletion<PowerConnectionCompletion.Body, PowerConnectionOutcome>
{
    public sealed record Body(string? MeterNumber);

    protected override void Validate(Body body, WorkItem item, FieldErrors errors) =>
        errors.Required("meterNumber", body.MeterNumber, 40);

    protected override PowerConnectionOutcome Outcome(Body body, WorkItem item) => new(body.MeterNumber!.Trim());

    protected override Task OnCompletedAsync(WorkItem item, Body body, StepCompletionContext context)
    {
        context.Outbox.Enqueue(new PowerConnected(item.ApplicationId, item.ApplicationNumber, item.CustomerId, body.MeterNumber!.Trim(), context.Now), item.ApplicationId);
        return Task.CompletedTask;
    }
}
