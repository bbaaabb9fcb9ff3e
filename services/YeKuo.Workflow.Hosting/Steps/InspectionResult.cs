namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>The body of an inspection-like step: passed, or failed with the defects to rectify (整改).</summary>
public sealed record InspectionResult(bool? Passed, IReadOnlyList<string>? Defects, string? Remarks);
