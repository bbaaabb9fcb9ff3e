using YeKuo.Workflow.Policies;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Notification.Domain;

/// <summary>
/// 回访: the follow-up with the customer after power was connected. Two records live on it, each once: the customer's own
/// rating (满意度, 1–5, given online) and customer service's 回访 task, due within the policy's working-day limit of the
/// connection, where staff record a phone call or visit: satisfaction with service attitude (服务态度), speed (办电效率)
/// and charges (收费), 1–5 each, and free comments. One per application.
/// </summary>
public sealed class FollowUp
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 500;

    /// <summary>The department whose staff record the 回访: 客户服务.</summary>
    public const Department VisitDepartment = Department.Notification;

    private FollowUp()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    /// <summary>The customer account to call back (contact details are resolved elsewhere).</summary>
    public string CustomerId { get; private set; } = "";

    public DateTimeOffset ConnectedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int? Score { get; private set; }

    /// <summary>The customer's own words; kept here only, never published.</summary>
    public string? Comment { get; private set; }

    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>The time-limit document the 回访's due comes from.</summary>
    public string? VisitPolicyVersion { get; private set; }

    /// <summary>The 回访 is due by then (end of the N-th working day after power-on).</summary>
    public DateTimeOffset? VisitDueAt { get; private set; }

    public VisitChannel? VisitChannel { get; private set; }

    /// <summary>服务态度评分 given in the 回访 (1–5).</summary>
    public int? AttitudeScore { get; private set; }

    /// <summary>Satisfaction with the speed of the whole application (1–5).</summary>
    public int? SpeedScore { get; private set; }

    /// <summary>Satisfaction with the charges (1–5).</summary>
    public int? ChargesScore { get; private set; }

    /// <summary>What the customer said in the 回访, as staff wrote it down; kept here only, never published.</summary>
    public string? VisitComments { get; private set; }

    public string? VisitedBy { get; private set; }

    public DateTimeOffset? VisitedAt { get; private set; }

    /// <summary>Concurrency token: changes when the rating or the 回访 is recorded, so two of either cannot both land.</summary>
    public int Version { get; private set; }

    /// <summary>The customer's rating: pending until given.</summary>
    public FollowUpStatus Status => RatedAt is null ? FollowUpStatus.Pending : FollowUpStatus.Done;

    /// <summary>Customer service's 回访: pending until recorded.</summary>
    public FollowUpStatus VisitStatus => VisitedAt is null ? FollowUpStatus.Pending : FollowUpStatus.Done;

    /// <summary>The 回访 is not recorded and its due has passed.</summary>
    public bool IsVisitOverdueAt(DateTimeOffset now) => VisitedAt is null && VisitDueAt is { } due && now > due;

    /// <param name="visitDeadline">The 回访's due, from power-on (<see cref="ServiceDeadline.For"/>).</param>
    public static FollowUp After(PowerConnected connected, ServiceDeadline visitDeadline, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ApplicationId = connected.ApplicationId,
        ApplicationNumber = connected.ApplicationNumber,
        CustomerId = connected.CustomerId,
        ConnectedAt = connected.ConnectedAt,
        CreatedAt = now,
        VisitPolicyVersion = visitDeadline.PolicyVersion,
        VisitDueAt = visitDeadline.DueAt,
    };

    /// <summary>
    /// Records customer service's 回访, once: the channel, three scores of 1–5 and optional comments (at most 500
    /// characters). The customer's own rating is independent of it.
    /// </summary>
    public void RecordVisit(VisitChannel channel, int attitude, int speed, int charges, string? comments, string by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "A 回访 is a phone call or a visit.");
        }
        CheckScore(attitude, nameof(attitude));
        CheckScore(speed, nameof(speed));
        CheckScore(charges, nameof(charges));
        comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        if (comments is { Length: > MaxCommentLength })
        {
            throw new ArgumentException($"Comments are at most {MaxCommentLength} characters.", nameof(comments));
        }
        if (VisitedAt is not null)
        {
            throw new FollowUpRatedException($"The 回访 of {ApplicationNumber} was already recorded by {VisitedBy}.");
        }

        VisitChannel = channel;
        AttitudeScore = attitude;
        SpeedScore = speed;
        ChargesScore = charges;
        VisitComments = comments;
        VisitedBy = by;
        VisitedAt = now;
        Version++;
    }

    private static void CheckScore(int score, string name)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new ArgumentOutOfRangeException(name, score, $"A score is {MinScore} to {MaxScore}.");
        }
    }

    /// <summary>Records the customer's rating, once. The score must be 1–5 and the comment at most 500 characters.</summary>
    public void Rate(int score, string? comment, DateTimeOffset now)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"A score is {MinScore} to {MaxScore}.");
        }
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            throw new ArgumentException($"A comment is at most {MaxCommentLength} characters.", nameof(comment));
        }
        if (RatedAt is not null)
        {
            throw new FollowUpRatedException($"The follow-up of {ApplicationNumber} was already rated.");
        }

        Score = score;
        Comment = comment;
        RatedAt = now;
        Version++;
    }
}

public enum FollowUpStatus
{
    /// <summary>Waiting for the 回访.</summary>
    Pending,

    /// <summary>Rated.</summary>
    Done,
}

/// <summary>How customer service reached the customer for the 回访.</summary>
public enum VisitChannel
{
    /// <summary>电话回访.</summary>
    Phone,

    /// <summary>上门回访.</summary>
    Visit,
}

/// <summary>The follow-up already has its rating (or its 回访, for <see cref="FollowUp.RecordVisit"/>).</summary>
public sealed class FollowUpRatedException(string message) : Exception(message);
