using YeKuo.Contracts;

namespace YeKuo.SupplyScheme.Domain;

/// <summary>The contents of a supply scheme: what the customer is told when it is replied.</summary>
public sealed record SchemeDraft(decimal VoltageKv, int SourceCount, decimal CapacityKva, MeteringMethod MeteringMethod, string Summary)
{
    /// <summary>The fields in which <paramref name="other"/> differs from this draft (empty: the same scheme).</summary>
    public IReadOnlyList<string> DifferencesFrom(SchemeDraft other)
    {
        var differences = new List<string>();
        if (VoltageKv != other.VoltageKv) differences.Add($"voltageKv ({VoltageKv} approved, {other.VoltageKv} given)");
        if (SourceCount != other.SourceCount) differences.Add($"sourceCount ({SourceCount} approved, {other.SourceCount} given)");
        if (CapacityKva != other.CapacityKva) differences.Add($"capacityKva ({CapacityKva} approved, {other.CapacityKva} given)");
        if (MeteringMethod != other.MeteringMethod) differences.Add($"meteringMethod ({MeteringMethod} approved, {other.MeteringMethod} given)");
        if (!string.Equals(Summary, other.Summary, StringComparison.Ordinal)) differences.Add("summary");
        return differences;
    }
}
