namespace YeKuo.Schedule.Network;

/// <summary>The network cannot be scheduled (cycle, unknown or duplicate activity, negative duration). An input error: API 400.</summary>
public sealed class InvalidScheduleNetworkException(string message) : ArgumentException(message);
