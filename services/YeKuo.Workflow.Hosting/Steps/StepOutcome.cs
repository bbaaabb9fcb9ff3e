using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>Well-known keys of a step's outcome.</summary>
public static class StepOutcome
{
    /// <summary>"false" when an inspection failed: the same step opens again in the next round (整改 → 复检).</summary>
    public const string Passed = "passed";

    /// <summary>
    /// Names an earlier step of the plan to open again in its next round instead of moving on (e.g. the customer
    /// asks for a revised 供电方案: <c>reopen = SchemeReply</c>). The plan continues from that step once it is done.
    /// </summary>
    public const string Reopen = "reopen";

    public static bool Failed(IReadOnlyDictionary<string, string> outcome) =>
        outcome.TryGetValue(Passed, out var passed) && string.Equals(passed, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The step named by <see cref="Reopen"/>, if any.</summary>
    public static Step? Reopened(IReadOnlyDictionary<string, string> outcome) =>
        outcome.TryGetValue(Reopen, out var name) && Enum.TryParse<Step>(name, ignoreCase: false, out var step) && Enum.IsDefined(step)
            ? step
            : null;
}
