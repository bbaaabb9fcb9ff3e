using YeKuo.Contracts.Outcomes;

namespace YeKuo.Contracts;

/// <summary>An application's plan: its ordered step set, fixed from policy data at acceptance and carried on every handoff.</summary>
public static class Plans
{
    /// <summary>The step after <paramref name="completed"/> in <paramref name="plan"/>, or null when it was the last (or is not in it).</summary>
    public static Step? NextInPlan(IReadOnlyList<Step> plan, Step completed)
    {
        var index = IndexOf(plan, completed);
        return index >= 0 && index + 1 < plan.Count ? plan[index + 1] : null;
    }

    /// <summary>
    /// The step that opens once <paramref name="completed"/> is done with <paramref name="outcome"/>: the next in the plan,
    /// or, when the outcome does not let the plan move on, the step its catalogue entry sends back to (if in the plan),
    /// else the same step again (next round). Null after the last step.
    /// </summary>
    public static Step? OpensAfter(IReadOnlyList<Step> plan, Step completed, StepOutcome? outcome)
    {
        if (outcome?.MovesOn ?? true)
        {
            return NextInPlan(plan, completed);
        }
        return StepCatalogue.Of(completed).SendsBackTo is { } back && IndexOf(plan, back) >= 0 ? back : completed;
    }

    /// <summary>The step before <paramref name="step"/> in <paramref name="plan"/>, or null when it is the first (or not in it).</summary>
    public static Step? PreviousInPlan(IReadOnlyList<Step> plan, Step step)
    {
        var index = IndexOf(plan, step);
        return index > 0 ? plan[index - 1] : null;
    }

    public static int IndexOf(IReadOnlyList<Step> plan, Step step)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i] == step)
            {
                return i;
            }
        }
        return -1;
    }
}
