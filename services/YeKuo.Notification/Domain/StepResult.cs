namespace YeKuo.Notification.Domain;

/// <summary>What a completed step tells the customer, read from the step's outcome.</summary>
/// <param name="Passed">False when an inspection failed and the customer must rectify (整改).</param>
/// <param name="Defects">The defects to rectify, in the inspector's order.</param>
public sealed record StepResult(
    bool Passed,
    IReadOnlyList<string> Defects,
    string? Remarks = null,
    SchemeSummary? Scheme = null,
    string? ContractNumber = null,
    string? MeterNumber = null);

/// <summary>The 供电方案 as replied to the customer; any part may be missing.</summary>
/// <param name="MeteringMethod">计量方式 as the customer reads it, e.g. 高供高计.</param>
public sealed record SchemeSummary(
    string? VoltageKv, string? SourceCount, string? CapacityKva, string? MeteringMethod, string? Summary);
