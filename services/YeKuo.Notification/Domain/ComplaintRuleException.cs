namespace YeKuo.Notification.Domain;

/// <summary>A complaint cannot do this in its current state (answered as 409).</summary>
public sealed class ComplaintRuleException(string message) : Exception(message);
