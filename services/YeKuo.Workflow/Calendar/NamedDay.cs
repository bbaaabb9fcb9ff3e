namespace YeKuo.Workflow.Calendar;

/// <summary>A calendar date with the holiday it belongs to (e.g. 2026-02-14 "春节": a 调休 working Saturday).</summary>
public sealed record NamedDay(DateOnly Date, string Name);
