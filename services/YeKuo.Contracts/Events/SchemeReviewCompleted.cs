using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// The departments' parallel review (并行审批) of one revision of an application's supply scheme ended: approved by
/// every reviewing department, or rejected by at least one (the scheme goes back to its drafter for the next revision).
/// </summary>
/// <param name="Revision">The scheme revision (= the 供电方案答复 round it was drafted in), from 1.</param>
/// <param name="MeetingAt">For an approved HV scheme: the weekly 方案审查会 it now waits for; null otherwise.</param>
/// <param name="Rejections">The rejecting departments' comments ("department: comments"); empty when approved.</param>
[MessageUrn("yekuo:scheme-review-completed:v1")]
public sealed record SchemeReviewCompleted(
    Guid ReviewId,
    Guid ApplicationId,
    string ApplicationNumber,
    int Revision,
    bool Approved,
    IReadOnlyList<string> Rejections,
    DateTimeOffset? MeetingAt,
    DateTimeOffset CompletedAt);
