namespace YeKuo.Workflow.Policies;

/// <summary>A capacity limit in kW with where it comes from (e.g. 三零 for 民营经济组织 ≤ 160 kW, a configurable default).</summary>
public sealed record CapacityCeiling(decimal Kw, string Source);
