namespace YeKuo.Contracts.Outcomes;

/// <summary>装表接电: the installed meter; the customer has power.</summary>
public sealed record PowerConnectionOutcome(string MeterNumber) : StepOutcome;
