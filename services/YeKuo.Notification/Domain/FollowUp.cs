using YeKuo.Contracts.Events;

namespace YeKuo.Notification.Domain;

/// <summary>
/// 回访: the follow-up with the customer after power was connected, where customer service records the customer's
/// satisfaction (满意度, 1–5) once. One per application.
/// </summary>
public sealed class FollowUp
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 500;

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

    /// <summary>Concurrency token: changes when the rating is recorded, so two ratings cannot both land.</summary>
    public int Version { get; private set; }

    public FollowUpStatus Status => RatedAt is null ? FollowUpStatus.Pending : FollowUpStatus.Done;

    public static FollowUp After(PowerConnected connected, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ApplicationId = connected.ApplicationId,
        ApplicationNumber = connected.ApplicationNumber,
        CustomerId = connected.CustomerId,
        ConnectedAt = connected.ConnectedAt,
        CreatedAt = now,
    };

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

/// <summary>The follow-up already has its rating.</summary>
public sealed class FollowUpRatedException(string message) : Exception(message);
