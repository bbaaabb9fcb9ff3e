using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// The weekly 方案审查会 decided on one revision of a high-voltage supply scheme: approved (the scheme may now be
/// replied to the customer) or sent back for revision with the meeting's comments.
/// </summary>
[MessageUrn("yekuo:scheme-meeting-decided:v1")]
public sealed record SchemeMeetingDecided(
    Guid ReviewId,
    Guid ApplicationId,
    string ApplicationNumber,
    int Revision,
    DateOnly MeetingDate,
    bool Approved,
    string? Comments,
    string DecidedBy,
    DateTimeOffset DecidedAt);
