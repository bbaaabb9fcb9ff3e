namespace YeKuo.Contracts.Outcomes;

/// <summary>受理: the documents are complete (资料齐全); the clerk's remarks.</summary>
public sealed record AcceptanceOutcome(string? Remarks) : StepOutcome;
