namespace YeKuo.Acceptance.Infrastructure;

/// <summary>The 客户经理 pool new applications are balanced over.</summary>
public sealed class CustomerManagerOptions
{
    public List<string> Names { get; set; } = [];
}
