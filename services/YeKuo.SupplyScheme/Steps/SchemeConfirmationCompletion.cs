using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Steps;

/// <summary>
/// The customer answers the replied scheme (客户确认); their own time, tracked and not judged. <c>confirmed: true</c>
/// accepts it and the plan moves on; <c>confirmed: false</c> with the customer's comments asks for a revision: the
/// outcome reopens 供电方案答复 (next round, new clock), then review, reply and confirmation run again.
/// </summary>
public sealed class SchemeConfirmationCompletion : StepCompletion<SchemeConfirmationCompletion.Body>
{
    public sealed record Body(bool? Confirmed, string? Comments);

    public override Step Step => Step.SchemeConfirmation;

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        if (body.Confirmed is null)
        {
            errors.Add("confirmed", "confirmed is required: true accepts the scheme, false asks for a revision.");
        }
        if (body.Confirmed == false)
        {
            errors.Required("comments", body.Comments, 1000);
        }
        else
        {
            errors.Optional("comments", body.Comments, 1000);
        }
    }

    protected override IReadOnlyDictionary<string, string> Outcome(Body body)
    {
        var outcome = new Dictionary<string, string> { ["confirmed"] = body.Confirmed == true ? "true" : "false" };
        if (body.Comments is { Length: > 0 } comments)
        {
            outcome["comments"] = comments.Trim();
        }
        if (body.Confirmed == false)
        {
            outcome[StepOutcome.Reopen] = nameof(Step.SchemeReply);
        }
        return outcome;
    }

    protected override async Task OnCompletedAsync(WorkItem item, Body body, StepCompletionContext context)
    {
        var db = context.Services.GetRequiredService<SupplySchemeDbContext>();
        var replied = await db.SchemeReviews
            .Where(r => r.ApplicationId == item.ApplicationId && r.Status == SchemeReviewStatus.Replied)
            .OrderByDescending(r => r.Revision)
            .FirstOrDefaultAsync(context.CancellationToken);
        // Applications replied before scheme reviews existed have no review to update.
        replied?.CustomerAnswered(body.Confirmed == true, body.Comments?.Trim() is { Length: > 0 } c ? c : null, context.Now);
    }
}
