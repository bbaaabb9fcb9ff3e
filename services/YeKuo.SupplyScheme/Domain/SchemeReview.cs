using YeKuo.Contracts;

namespace YeKuo.SupplyScheme.Domain;

/// <summary>
/// One revision of an application's supply scheme and its review: the draft, one opinion per reviewing department
/// (并行审批), for HV the weekly 方案审查会's decision, then the reply to the customer and the customer's answer.
/// A revision belongs to one 供电方案答复 round (revision = round); a rejected revision stays as history and the
/// next round drafts the next revision.
/// </summary>
public sealed class SchemeReview
{
    private readonly List<ReviewOpinion> _opinions = [];

    private SchemeReview()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    public CustomerClass CustomerClass { get; private set; }

    /// <summary>The 供电方案答复 work item (round) this revision was drafted in.</summary>
    public Guid SchemeReplyWorkItemId { get; private set; }

    public int Revision { get; private set; }

    public decimal VoltageKv { get; private set; }

    public int SourceCount { get; private set; }

    public decimal CapacityKva { get; private set; }

    public MeteringMethod MeteringMethod { get; private set; }

    public string Summary { get; private set; } = "";

    public string DraftedBy { get; private set; } = "";

    public DateTimeOffset DraftedAt { get; private set; }

    /// <summary>The departments asked for an opinion, fixed when the draft was submitted.</summary>
    public IReadOnlyList<string> Reviewers { get; private set; } = [];

    public SchemeReviewStatus Status { get; private set; }

    /// <summary>When the departments' review ended (all approved, or the first rejection).</summary>
    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>HV: the 方案审查会 this revision is on the agenda of (China date) and when it meets.</summary>
    public DateOnly? MeetingDate { get; private set; }

    public DateTimeOffset? MeetingAt { get; private set; }

    public bool? MeetingApproved { get; private set; }

    public string? MeetingComments { get; private set; }

    public string? MeetingDecidedBy { get; private set; }

    public DateTimeOffset? MeetingDecidedAt { get; private set; }

    public string? RepliedBy { get; private set; }

    public DateTimeOffset? RepliedAt { get; private set; }

    /// <summary>The customer's answer to the replied scheme: why they asked for a revision (or their remarks when confirming).</summary>
    public string? CustomerComments { get; private set; }

    public DateTimeOffset? CustomerAnsweredAt { get; private set; }

    /// <summary>
    /// Reviewing departments already warned that their opinion is late (their limit passed while they had not answered):
    /// the mark that makes the warning once per revision and department, committed with the warning's outbox row.
    /// </summary>
    public IReadOnlyList<string> LateWarnedDepartments { get; private set; } = [];

    /// <summary>Optimistic concurrency token, renewed on every change: parallel opinions must not both miss the last one.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<ReviewOpinion> Opinions => _opinions;

    public SchemeDraft Draft => new(VoltageKv, SourceCount, CapacityKva, MeteringMethod, Summary);

    public bool NeedsMeeting => IsHighVoltage(CustomerClass);

    /// <summary>Departments still to give their opinion while the review runs.</summary>
    public IReadOnlyList<string> PendingDepartments =>
        Status == SchemeReviewStatus.UnderReview ? Reviewers.Where(d => _opinions.All(o => o.Department != d)).ToArray() : [];

    /// <summary>The 方案审查会 is held for high-voltage schemes only (三零 and low-voltage schemes have none).</summary>
    public static bool IsHighVoltage(CustomerClass customerClass) =>
        customerClass is CustomerClass.HighVoltageSingleSource or CustomerClass.HighVoltageDualSource;

    public static SchemeReview Submit(
        Guid applicationId, string applicationNumber, CustomerClass customerClass, Guid schemeReplyWorkItemId, int revision,
        SchemeDraft draft, IReadOnlyList<string> reviewers, string draftedBy, DateTimeOffset now)
    {
        if (reviewers.Count == 0)
        {
            throw new ArgumentException("A scheme review needs at least one reviewing department.", nameof(reviewers));
        }
        return new SchemeReview
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = applicationId,
            ApplicationNumber = applicationNumber,
            CustomerClass = customerClass,
            SchemeReplyWorkItemId = schemeReplyWorkItemId,
            Revision = revision,
            VoltageKv = draft.VoltageKv,
            SourceCount = draft.SourceCount,
            CapacityKva = draft.CapacityKva,
            MeteringMethod = draft.MeteringMethod,
            Summary = draft.Summary,
            DraftedBy = draftedBy,
            DraftedAt = now,
            Reviewers = reviewers.ToArray(),
            Status = SchemeReviewStatus.UnderReview,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>
    /// Records <paramref name="department"/>'s opinion. The first rejection ends the review (the scheme goes back);
    /// the last approval ends it too: approved, or for HV on the agenda of the meeting at <paramref name="nextMeeting"/>.
    /// </summary>
    public ReviewOpinion GiveOpinion(string department, bool approve, string? comments, string reviewer, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> nextMeeting)
    {
        Require(Reviewers.Contains(department), $"{department} does not review this scheme; the reviewers are {string.Join(", ", Reviewers)}.");
        Require(_opinions.All(o => o.Department != department),
            $"{department} already gave its opinion on revision {Revision} of {ApplicationNumber}; one opinion per department per revision.");
        Require(Status == SchemeReviewStatus.UnderReview, $"Revision {Revision} of {ApplicationNumber} is no longer under review (it is {Status}).");

        var opinion = ReviewOpinion.Give(Id, department, approve, comments, reviewer, now);
        _opinions.Add(opinion);
        if (!approve)
        {
            Status = SchemeReviewStatus.Rejected;
            ReviewedAt = now;
        }
        else if (PendingDepartments.Count == 0)
        {
            ReviewedAt = now;
            if (NeedsMeeting)
            {
                MeetingAt = nextMeeting(now);
                MeetingDate = YeKuo.Workflow.Calendar.ChinaTime.BusinessDate(MeetingAt.Value);
                Status = SchemeReviewStatus.AwaitingMeeting;
            }
            else
            {
                Status = SchemeReviewStatus.Approved;
            }
        }
        Touch();
        return opinion;
    }

    /// <summary>
    /// The 方案审查会's decision, recorded once the meeting has begun (unless <paramref name="beforeMeetingAllowed"/>:
    /// test and demo environments, which cannot wait for the weekday).
    /// </summary>
    public void DecideAtMeeting(bool approve, string? comments, string decidedBy, DateTimeOffset now, bool beforeMeetingAllowed = false)
    {
        Require(Status == SchemeReviewStatus.AwaitingMeeting,
            Status == SchemeReviewStatus.UnderReview
                ? $"Revision {Revision} of {ApplicationNumber} is still under the departments' review; it is not on a meeting's agenda yet."
                : $"Revision {Revision} of {ApplicationNumber} is not waiting for a meeting (it is {Status}).");
        Require(beforeMeetingAllowed || now >= MeetingAt, $"The 方案审查会 of {MeetingDate:yyyy-MM-dd} has not met yet (it meets at {MeetingAt:yyyy-MM-dd HH:mm} UTC).");
        MeetingApproved = approve;
        MeetingComments = comments;
        MeetingDecidedBy = decidedBy;
        MeetingDecidedAt = now;
        Status = approve ? SchemeReviewStatus.Approved : SchemeReviewStatus.Rejected;
        Touch();
    }

    /// <summary>The scheme is replied to the customer: only an approved one, and only as approved.</summary>
    public void Reply(SchemeDraft replied, string by, DateTimeOffset now)
    {
        Require(Status != SchemeReviewStatus.UnderReview,
            $"Revision {Revision} of {ApplicationNumber} is still under review; waiting for {string.Join(", ", PendingDepartments)}.");
        Require(Status != SchemeReviewStatus.AwaitingMeeting,
            $"Revision {Revision} of {ApplicationNumber} waits for the 方案审查会 of {MeetingDate:yyyy-MM-dd}; record the meeting's decision before replying.");
        Require(Status == SchemeReviewStatus.Approved, $"Revision {Revision} of {ApplicationNumber} cannot be replied (it is {Status}).");
        var differences = Draft.DifferencesFrom(replied);
        Require(differences.Count == 0,
            $"The reply must be the approved scheme (revision {Revision}); it differs in {string.Join(", ", differences)}.");
        RepliedBy = by;
        RepliedAt = now;
        Status = SchemeReviewStatus.Replied;
        Touch();
    }

    /// <summary>The customer answered the replied scheme: confirmed it, or asked for a revision (with why).</summary>
    public void CustomerAnswered(bool confirmed, string? comments, DateTimeOffset now)
    {
        Require(Status == SchemeReviewStatus.Replied, $"Revision {Revision} of {ApplicationNumber} has not been replied (it is {Status}).");
        CustomerComments = comments;
        CustomerAnsweredAt = now;
        Status = confirmed ? SchemeReviewStatus.Confirmed : SchemeReviewStatus.RevisionRequested;
        Touch();
    }

    /// <summary>
    /// The departments whose opinion is late at <paramref name="now"/> (past <paramref name="opinionDueAt"/>, still pending)
    /// and not yet warned of: marks them warned and returns them, so the caller raises one warning each; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> MarkLateOpinions(DateTimeOffset opinionDueAt, DateTimeOffset now)
    {
        if (now <= opinionDueAt)
        {
            return [];
        }
        var late = PendingDepartments.Except(LateWarnedDepartments).ToArray();
        if (late.Length > 0)
        {
            LateWarnedDepartments = [.. LateWarnedDepartments, .. late];
            Touch();
        }
        return late;
    }

    private void Touch() => Version = Guid.NewGuid();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new SchemeReviewRuleException(message);
        }
    }
}
