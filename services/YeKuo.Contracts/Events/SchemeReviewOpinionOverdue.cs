using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// A reviewing department's opinion on a supply scheme revision (并行审批) is late: its own limit
/// (<c>SchemeReviewOpinion</c> in the time-limit policy data) has passed and the department has not answered. Raised once
/// per revision and reviewing department; the reviewing department's staff and its head are told.
/// </summary>
/// <param name="ReviewKey">The reviewing department's key on the review (e.g. operations, dispatch).</param>
/// <param name="ReviewerDepartment">The department whose staff give that opinion (运检 → Inspection, …).</param>
/// <param name="DepartmentHead">The head of <paramref name="ReviewerDepartment"/> (supervision's directory of heads).</param>
[MessageUrn("yekuo:scheme-review-opinion-overdue:v1")]
public sealed record SchemeReviewOpinionOverdue(
    Guid ReviewId,
    Guid ApplicationId,
    string ApplicationNumber,
    Guid SchemeReplyWorkItemId,
    int Revision,
    string ReviewKey,
    Department ReviewerDepartment,
    string DepartmentHead,
    DateTimeOffset DueAt,
    DateTimeOffset RaisedAt);
