using YeKuo.Contracts.Outcomes;

namespace YeKuo.Contracts;

/// <summary>
/// The one home of every step: department, names, who acts, clock group, judging and outcome. Routing, names on every
/// page and notice, the worklists' customer steps and the policy data's checks all read it. A <see cref="Step"/>
/// without an entry fails the catalogue tests and the policy book at load.
/// </summary>
public static class StepCatalogue
{
    public static readonly IReadOnlyList<StepDefinition> All =
    [
        new(Step.Acceptance, Department.Acceptance, StepActor.Department, "受理", "Acceptance",
            Step.Acceptance, StepJudging.Supervised, typeof(AcceptanceOutcome)),
        new(Step.SiteSurvey, Department.SupplyScheme, StepActor.Department, "现场勘查", "Site survey",
            Step.SchemeReply, StepJudging.PartOfNode, typeof(SiteSurveyOutcome)),
        new(Step.SchemeReply, Department.SupplyScheme, StepActor.Department, "供电方案答复", "Supply scheme reply",
            Step.SchemeReply, StepJudging.Node, typeof(SchemeReplyOutcome)),
        new(Step.SchemeConfirmation, Department.SupplyScheme, StepActor.Customer, "客户确认方案", "Customer confirms the scheme",
            null, StepJudging.CustomerTime, typeof(SchemeConfirmationOutcome), SendsBackTo: Step.SchemeReply),
        new(Step.DesignReview, Department.Inspection, StepActor.Department, "设计审查", "Design review",
            Step.DesignReview, StepJudging.Node, typeof(InspectionOutcome)),
        new(Step.IntermediateInspection, Department.Inspection, StepActor.Department, "中间检查", "Intermediate inspection",
            Step.IntermediateInspection, StepJudging.Node, typeof(InspectionOutcome)),
        new(Step.CompletionAcceptance, Department.Inspection, StepActor.Department, "竣工验收", "Completion acceptance",
            Step.CompletionAcceptance, StepJudging.Node, typeof(InspectionOutcome)),
        new(Step.SupplyContract, Department.Metering, StepActor.Department, "签订供用电合同", "Supply contract",
            Step.PowerConnection, StepJudging.PartOfNode, typeof(SupplyContractOutcome)),
        new(Step.PowerConnection, Department.Metering, StepActor.Department, "装表接电", "Meter installation and power connection",
            Step.PowerConnection, StepJudging.Node, typeof(PowerConnectionOutcome)),
    ];

    private static readonly Dictionary<Step, StepDefinition> ByStep = All.ToDictionary(d => d.Step);

    /// <exception cref="ArgumentOutOfRangeException">The step has no catalogue entry.</exception>
    public static StepDefinition Of(Step step) =>
        ByStep.TryGetValue(step, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(step), step, "The step has no entry in the step catalogue.");

    public static bool TryGet(string? name, out StepDefinition definition)
    {
        definition = null!;
        // Names only: Enum.TryParse would also take "1".
        return name is { Length: > 0 } && char.IsLetter(name[0])
            && Enum.TryParse<Step>(name, ignoreCase: false, out var step) && ByStep.TryGetValue(step, out definition!);
    }

    /// <summary>The steps the customer acts on (their own time).</summary>
    public static IReadOnlyList<Step> CustomerSteps { get; } = All.Where(d => d.IsCustomerStep).Select(d => d.Step).ToArray();

    /// <summary>The steps whose work items <paramref name="department"/>'s service hosts (customer steps filed there included).</summary>
    public static IReadOnlyList<Step> HostedBy(Department department) => All.Where(d => d.Department == department).Select(d => d.Step).ToArray();
}
