namespace YeKuo.Contracts;

/// <summary>Which department owns each step: the routing table of the choreography.</summary>
public static class StepOwnership
{
    public static Department OwnerOf(Step step) => step switch
    {
        Step.Acceptance => Department.Acceptance,
        Step.SiteSurvey or Step.SchemeReply => Department.SupplyScheme,
        Step.SchemeConfirmation => Department.Customer,
        Step.DesignReview or Step.IntermediateInspection or Step.CompletionAcceptance => Department.Inspection,
        Step.SupplyContract or Step.PowerConnection => Department.Metering,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
    };

    /// <summary>The step after <paramref name="completed"/> in an application's plan, or null when it was the last.</summary>
    public static Step? NextInPlan(IReadOnlyList<Step> plan, Step completed)
    {
        var index = plan.IndexOf(completed);
        return index >= 0 && index + 1 < plan.Count ? plan[index + 1] : null;
    }

    private static int IndexOf(this IReadOnlyList<Step> plan, Step step)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i] == step) return i;
        }
        return -1;
    }
}
