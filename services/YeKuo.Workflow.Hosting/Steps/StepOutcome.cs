namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>Well-known keys of a step's outcome.</summary>
public static class StepOutcome
{
    /// <summary>"false" when an inspection failed: the same step opens again in the next round (整改 → 复检).</summary>
    public const string Passed = "passed";

    public static bool Failed(IReadOnlyDictionary<string, string> outcome) =>
        outcome.TryGetValue(Passed, out var passed) && string.Equals(passed, "false", StringComparison.OrdinalIgnoreCase);
}
