namespace YeKuo.Workflow.Policies;

/// <summary>Expected supply voltage for a class in kV (低压 ≤ 0.4 kV, 高压 ≥ 10 kV); null bounds are open.</summary>
public sealed record VoltageRange(decimal? MinKv, decimal? MaxKv)
{
    public bool Contains(decimal kv) => (MinKv is null || kv >= MinKv) && (MaxKv is null || kv <= MaxKv);
}
