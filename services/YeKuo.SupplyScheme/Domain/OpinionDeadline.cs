using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.SupplyScheme.Domain;

/// <summary>
/// When each reviewing department's opinion on a revision is due: <c>SchemeReviewOpinion</c> working days (time-limit
/// policy data, the document in force on the day of the draft) after the draft was submitted.
/// </summary>
public static class OpinionDeadline
{
    /// <summary>The due of <paramref name="review"/>'s opinions; null when no document then in force sets the limit.</summary>
    public static ServiceDeadline? Of(SchemeReview review, TimeLimitPolicyBook policies, WorkingDayCalendar calendar) =>
        ServiceDeadline.TryFor(ServiceTask.SchemeReviewOpinion, review.DraftedAt, policies, calendar);
}
