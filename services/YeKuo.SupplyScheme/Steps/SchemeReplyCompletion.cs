using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Fees;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Steps;

/// <summary>
/// 供电方案答复: the scheme the customer is told (voltage, sources, capacity, 计量方式). Completing the step is the
/// reply itself, so it is allowed only for the revision drafted in this round once it is approved by every reviewing
/// department (and, for HV, by the 方案审查会), and only as approved; otherwise 409.
/// </summary>
public sealed class SchemeReplyCompletion : StepCompletion<SchemeReplyCompletion.Body, SchemeReplyOutcome>
{
    /// <summary>The scheme, as drafted (POST …/work-items/{id}/draft) and as replied (POST …/work-items/{id}/complete).</summary>
    public sealed record Body(decimal? VoltageKv, int? SourceCount, decimal? CapacityKva, MeteringMethod? MeteringMethod, string? Summary)
    {
        public SchemeDraft ToDraft() => new(VoltageKv!.Value, SourceCount!.Value, CapacityKva!.Value, MeteringMethod!.Value, Summary!.Trim());
    }

    public static void ValidateScheme(Body body, CustomerClass customerClass, FieldErrors errors)
    {
        if (body.VoltageKv is not (> 0 and <= 1000))
        {
            errors.Add("voltageKv", "voltageKv must be greater than 0 and at most 1000.");
        }
        var expectedSources = customerClass == CustomerClass.HighVoltageDualSource ? 2 : 1;
        if (body.SourceCount != expectedSources)
        {
            errors.Add("sourceCount", $"A {customerClass} scheme has {expectedSources} source(s).");
        }
        if (body.CapacityKva is not (> 0 and <= 1_000_000))
        {
            errors.Add("capacityKva", "capacityKva must be greater than 0 and at most 1000000.");
        }
        if (body.MeteringMethod is null || !Enum.IsDefined(body.MeteringMethod.Value))
        {
            errors.Add("meteringMethod", $"meteringMethod must be one of {string.Join(", ", Enum.GetNames<MeteringMethod>())}.");
        }
        errors.Required("summary", body.Summary, 2000);
    }

    protected override void Validate(Body body, WorkItem item, FieldErrors errors) => ValidateScheme(body, item.CustomerClass, errors);

    protected override SchemeReplyOutcome Outcome(Body body, WorkItem item) =>
        new(body.VoltageKv!.Value, body.SourceCount!.Value, body.CapacityKva!.Value, body.MeteringMethod!.Value, body.Summary!.Trim());

    protected override async Task OnCompletedAsync(WorkItem item, Body body, StepCompletionContext context)
    {
        var db = context.Services.GetRequiredService<SupplySchemeDbContext>();
        var review = await db.SchemeReviews.FirstOrDefaultAsync(r => r.SchemeReplyWorkItemId == item.Id, context.CancellationToken)
            ?? throw new WorkItemRuleException(
                $"No scheme has been drafted in round {item.Round} of {item.ApplicationNumber}: submit the draft for review "
                + $"(POST /api/supply-scheme/work-items/{item.Id}/draft) and reply once it is approved.");
        try
        {
            review.Reply(body.ToDraft(), item.CompletedBy ?? "unknown", context.Now);
        }
        catch (SchemeReviewRuleException rule)
        {
            throw new WorkItemRuleException(rule.Message);
        }
        // The charges come with the reply, from the tariff in force today: the customer sees them with the scheme (or as
        // soon as 受理's acceptance has opened the charge account here, if its queue is behind).
        try
        {
            await context.Services.GetRequiredService<ChargeAssessor>().AssessRepliedAsync(item.ApplicationId, item.ApplicationNumber, Outcome(body, item), context.Now, context.CancellationToken);
        }
        catch (ChargeRuleException rule)
        {
            throw new WorkItemRuleException(rule.Message);
        }
    }
}
