using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;
using YeKuo.SupplyScheme.Domain;

namespace YeKuo.SupplyScheme.Apis;

public sealed record SchemeDraftDto(decimal VoltageKv, int SourceCount, decimal CapacityKva, string MeteringMethod, string Summary);

public sealed record ReviewOpinionDto(string Department, bool Approve, string? Comments, string Reviewer, DateTimeOffset GivenAt);

/// <summary>The 方案审查会 a HV revision is on the agenda of, and its decision once recorded.</summary>
public sealed record MeetingDto(DateOnly Date, DateTimeOffset At, bool? Approved, string? Comments, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <param name="OpinionDueAt">
/// When each reviewing department's opinion is due: <c>SchemeReviewOpinion</c> working days (time-limit policy data) after the
/// draft was submitted; a pending department past it is late.
/// </param>
/// <param name="SentBackBecause">Why this revision went back for the next one (rejecting opinions, the meeting's or the customer's comments).</param>
public sealed record SchemeReviewDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerClass,
    Guid SchemeReplyWorkItemId,
    int Revision,
    string Status,
    SchemeDraftDto Draft,
    string DraftedBy,
    DateTimeOffset DraftedAt,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<string> PendingDepartments,
    IReadOnlyList<ReviewOpinionDto> Opinions,
    DateTimeOffset? ReviewedAt,
    bool NeedsMeeting,
    MeetingDto? Meeting,
    string? RepliedBy,
    DateTimeOffset? RepliedAt,
    string? CustomerComments,
    DateTimeOffset? CustomerAnsweredAt,
    IReadOnlyList<string> SentBackBecause,
    Guid Version,
    int? OpinionLimitWorkingDays = null,
    DateTimeOffset? OpinionDueAt = null)
{
    public static SchemeReviewDto From(SchemeReview review) => From(review,
        OpinionDeadline.Of(review, TimeLimitPolicyBook.LoadDefault(), WorkingDayCalendar.LoadDefault()));

    private static SchemeReviewDto From(SchemeReview review, ServiceDeadline? opinionDeadline) => new(
        review.Id, review.ApplicationId, review.ApplicationNumber, review.CustomerClass.ToString(), review.SchemeReplyWorkItemId,
        review.Revision, review.Status.ToString(),
        new SchemeDraftDto(review.VoltageKv, review.SourceCount, review.CapacityKva, review.MeteringMethod.ToString(), review.Summary),
        review.DraftedBy, review.DraftedAt, review.Reviewers, review.PendingDepartments,
        review.Opinions.OrderBy(o => o.GivenAt).Select(o => new ReviewOpinionDto(o.Department, o.Approve, o.Comments, o.Reviewer, o.GivenAt)).ToArray(),
        review.ReviewedAt, review.NeedsMeeting,
        review is { MeetingDate: { } date, MeetingAt: { } at }
            ? new MeetingDto(date, at, review.MeetingApproved, review.MeetingComments, review.MeetingDecidedBy, review.MeetingDecidedAt)
            : null,
        review.RepliedBy, review.RepliedAt, review.CustomerComments, review.CustomerAnsweredAt, ReasonsSentBack(review), review.Version,
        opinionDeadline?.LimitWorkingDays, opinionDeadline?.DueAt);

    private static IReadOnlyList<string> ReasonsSentBack(SchemeReview review) => review.Status switch
    {
        SchemeReviewStatus.Rejected when review.MeetingApproved == false => [$"方案审查会 ({review.MeetingDecidedBy}): {review.MeetingComments}"],
        SchemeReviewStatus.Rejected => review.Opinions.Where(o => !o.Approve).Select(o => $"{o.Department} ({o.Reviewer}): {o.Comments}").ToArray(),
        SchemeReviewStatus.RevisionRequested => [$"客户: {review.CustomerComments}"],
        _ => [],
    };
}

/// <summary>The drafter's view of one 供电方案答复 round: this round's revision (if drafted) and why the previous one came back.</summary>
public sealed record SchemeRoundDto(Guid WorkItemId, Guid ApplicationId, int Round, string WorkItemStatus, SchemeReviewDto? Review, SchemeReviewDto? PreviousRevision);

public sealed record MeetingAgendaDto(DateOnly Date, DateTimeOffset At, IReadOnlyList<SchemeReviewDto> Reviews);

public sealed record OpinionRequest(string? Department, bool? Approve, string? Comments);

public sealed record MeetingDecisionRequest(bool? Approve, string? Comments);

/// <summary>A named reviewer's worklist: the reviewing departments they answer for and the reviews waiting for their opinion.</summary>
public sealed record ReviewerWorklistDto(string Reviewer, IReadOnlyList<string> Departments, IReadOnlyList<SchemeReviewDto> Pending);
