namespace YeKuo.Workflow.Scheduling;

/// <summary>The network cannot be scheduled (cycle, unknown or duplicate activity, negative duration). An input error: API 400.</summary>
public sealed class InvalidStepNetworkException(string message) : ArgumentException(message);
