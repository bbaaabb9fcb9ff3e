namespace YeKuo.Notification.Webhooks;

/// <summary>
/// What a partner's delivery log says when no HTTP answer came back. Two sentences only: which port answered, refused
/// or timed out, and what a refused address was, is not theirs to learn (the dispatcher logs the cause for operators).
/// </summary>
public static class WebhookAttemptErrors
{
    /// <summary>The target's address is not allowed (<see cref="WebhookTargetPolicy"/>): nothing was sent.</summary>
    public const string RefusedTarget = "Not sent: the target is not a public address (see the webhook rules).";

    /// <summary>Any network failure: no connection, TLS failure or timeout.</summary>
    public const string NoAnswer = "No answer from the target (no connection, TLS failure or timeout).";
}
