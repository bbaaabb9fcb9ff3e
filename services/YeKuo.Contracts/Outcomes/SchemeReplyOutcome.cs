namespace YeKuo.Contracts.Outcomes;

/// <summary>供电方案答复: the supply scheme as replied to the customer.</summary>
public sealed record SchemeReplyOutcome(decimal VoltageKv, int SourceCount, decimal CapacityKva, MeteringMethod MeteringMethod, string Summary) : StepOutcome;
