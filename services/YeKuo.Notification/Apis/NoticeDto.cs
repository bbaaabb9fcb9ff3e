using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Apis;

/// <summary>A notice as the inbox shows it. <c>CustomerId</c> is included so an authorization layer can check ownership.</summary>
public sealed record NoticeDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    string Kind,
    string? Step,
    int Round,
    string Title,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    public static NoticeDto From(Notice notice) => new(
        notice.Id, notice.ApplicationId, notice.ApplicationNumber, notice.CustomerId, notice.Kind.ToString(),
        notice.Step?.ToString(), notice.Round, notice.Title, notice.Body, notice.CreatedAt, notice.ReadAt);
}
