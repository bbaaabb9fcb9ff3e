namespace YeKuo.Notification.Webhooks;

/// <summary>The policy refused the address a delivery would have connected to; nothing was sent.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
