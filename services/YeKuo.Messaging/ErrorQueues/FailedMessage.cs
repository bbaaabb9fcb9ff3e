namespace YeKuo.Messaging.ErrorQueues;

/// <summary>A message that failed every retry, as it sits in an error queue, with MassTransit's fault headers.</summary>
public sealed record FailedMessage(
    string? MessageId,
    string? MessageType,
    string? Reason,
    string? ExceptionType,
    string? ExceptionMessage,
    DateTimeOffset? FailedAt,
    int BodyBytes);

public sealed record ErrorQueueSummary(string Queue, string ErrorQueue, uint Messages);

public sealed record ReplayResult(string ErrorQueue, int Replayed);
