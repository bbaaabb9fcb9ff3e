using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Outcomes;
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
public sealed class SchemeConfirmationCompletion : StepCompletion<SchemeConfirmationCompletion.Body, SchemeConfirmationOutcome>
{
    public sealed record Body(bool? Confirmed, string? Comments);

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

    /// <summary>Not confirmed: the catalogue sends the application back to 方案答复 for a revision.</summary>
    protected override SchemeConfirmationOutcome Outcome(Body body, WorkItem item) =>
        new(body.Confirmed == true, body.Comments?.Trim() is { Length: > 0 } comments ? comments : null);

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
