using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.ServiceDefaults.Hosting;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Extensions;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;
using YeKuo.Workflow.Policies;

namespace YeKuo.SupplyScheme.Supervision;

/// <summary>
/// Warns of late review opinions (并行审批): every <c>Supervision:ScanInterval</c> it reads the revisions under review in
/// an open 供电方案答复 round whose opinion limit has passed, and for each reviewing department still silent marks the
/// revision and enqueues <see cref="SchemeReviewOpinionOverdue"/> through the outbox in the same SaveChanges.
/// </summary>
/// <remarks>
/// Exactly once per (revision, department): the mark (<see cref="SchemeReview.LateWarnedDepartments"/>) and the outbox
/// row commit together under the revision's concurrency token, so a crash before the commit leaves both undone (the next
/// scan raises it), a crash after leaves both done, and of two replicas (or a scan racing an opinion) one update matches
/// nothing and rolls back: the next scan looks again from fresh state.
/// </remarks>
public sealed class LateOpinionScanner(
    IServiceScopeFactory scopes,
    TimeLimitPolicyBook policies,
    WorkingDayCalendar calendar,
    TimeProvider time,
    IOptions<SchemeReviewOptions> reviewOptions,
    IOptions<SupervisionOptions> supervisionOptions,
    ILogger<LateOpinionScanner> logger) : RecurringPass(time, logger)
{
    protected override TimeSpan Interval => supervisionOptions.Value.ScanInterval;

    protected override string PassName => "late review opinion scan";

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ScanOnceAsync(cancellationToken);

    /// <summary>One pass; returns how many late opinions it warned of.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupplySchemeDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
        var now = Time.GetUtcNow();
        var openWork = db.OpenWorkItems;
        var underReview = await db.SchemeReviews.AsNoTracking()
            .Where(r => r.Status == SchemeReviewStatus.UnderReview && openWork.Any(w => w.Id == r.SchemeReplyWorkItemId))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

        var raised = 0;
        foreach (var id in underReview)
        {
            db.ChangeTracker.Clear();
            var review = await db.SchemeReviews.FirstAsync(r => r.Id == id, cancellationToken);
            if (OpinionDeadline.Of(review, policies, calendar) is not { } deadline)
            {
                continue;
            }
            var late = review.MarkLateOpinions(deadline.DueAt, now);
            if (late.Count == 0)
            {
                continue;
            }
            foreach (var key in late)
            {
                var department = Enum.Parse<Department>(reviewOptions.Value.ReviewerDepartmentOf(key), ignoreCase: true);
                outbox.Enqueue(new SchemeReviewOpinionOverdue(review.Id, review.ApplicationId, review.ApplicationNumber,
                    review.SchemeReplyWorkItemId, review.Revision, key, department, supervisionOptions.Value.HeadOf(department),
                    deadline.DueAt, now), review.ApplicationId);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                raised += late.Count;
                Logger.LogInformation("Review opinions of {Departments} on {ApplicationNumber} revision {Revision} are late (due {DueAt:u})",
                    string.Join(", ", late), review.ApplicationNumber, review.Revision, deadline.DueAt);
            }
            catch (DbUpdateException)
            {
                Logger.LogDebug("Scheme review {ReviewId} changed during the late opinion scan; the next scan looks again", id);
            }
        }
        return raised;
    }
}
