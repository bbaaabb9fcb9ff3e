namespace YeKuo.Workflow.Policies;

/// <summary>A time-limit document's rule for a <see cref="ServiceTask"/> (the same for every customer class).</summary>
/// <param name="IsDefault">True when the number is a configurable default, not from a published document.</param>
public sealed record ServiceTimeLimit(ServiceTask Task, int LimitWorkingDays, bool IsDefault, string Source);
