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
        // 110 kV and above: the customer commissions the 接入系统设计; the 方案答复 clock stops meanwhile.
        new(Step.AccessSystemDesign, Department.SupplyScheme, StepActor.Customer, "客户接入系统设计", "Access system design by the customer",
            Step.SchemeReply, StepJudging.CustomerTime, typeof(CustomerRequestOutcome)),
        new(Step.SchemeReply, Department.SupplyScheme, StepActor.Department, "供电方案答复", "Supply scheme reply",
            Step.SchemeReply, StepJudging.Node, typeof(SchemeReplyOutcome)),
        new(Step.SchemeConfirmation, Department.SupplyScheme, StepActor.Customer, "客户确认方案", "Customer confirms the scheme",
            null, StepJudging.CustomerTime, typeof(SchemeConfirmationOutcome), SendsBackTo: Step.SchemeReply),
        // The customer's design (by a qualified designer of their choosing, 三不指定) ends with submitting its documents: 设计审查 starts then.
        new(Step.DesignSubmission, Department.Inspection, StepActor.Customer, "提交设计文件", "Submit design documents",
            null, StepJudging.CustomerTime, typeof(CustomerRequestOutcome)),
        new(Step.DesignReview, Department.Inspection, StepActor.Department, "设计审查", "Design review",
            Step.DesignReview, StepJudging.Node, typeof(InspectionOutcome), SendsBackTo: Step.DesignSubmission),
        // Construction up to the hidden works, ending with the customer's request: 中间检查 starts then.
        new(Step.IntermediateInspectionRequest, Department.Inspection, StepActor.Customer, "申请中间检查", "Request intermediate inspection",
            null, StepJudging.CustomerTime, typeof(CustomerRequestOutcome)),
        new(Step.IntermediateInspection, Department.Inspection, StepActor.Department, "中间检查", "Intermediate inspection",
            Step.IntermediateInspection, StepJudging.Node, typeof(InspectionOutcome), SendsBackTo: Step.IntermediateInspectionRequest),
        // The rest of the construction, ending with the customer's 竣工报验: 竣工验收 starts then.
        new(Step.CompletionReport, Department.Inspection, StepActor.Customer, "竣工报验", "Report completion",
            null, StepJudging.CustomerTime, typeof(CustomerRequestOutcome)),
        new(Step.CompletionAcceptance, Department.Inspection, StepActor.Department, "竣工验收", "Completion acceptance",
            Step.CompletionAcceptance, StepJudging.Node, typeof(InspectionOutcome), SendsBackTo: Step.CompletionReport),
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

    /// <summary>The steps in process order (the catalogue's order).</summary>
    public static int OrderOf(Step step) => Order.TryGetValue(step, out var order) ? order : int.MaxValue;

    private static readonly Dictionary<Step, int> Order = All.Select((d, i) => (d.Step, i)).ToDictionary(x => x.Step, x => x.i);

    /// <summary>The steps the customer acts on (their own time).</summary>
    public static IReadOnlyList<Step> CustomerSteps { get; } = All.Where(d => d.IsCustomerStep).Select(d => d.Step).ToArray();

    /// <summary>The steps whose work items <paramref name="department"/>'s service hosts (customer steps filed there included).</summary>
    public static IReadOnlyList<Step> HostedBy(Department department) => All.Where(d => d.Department == department).Select(d => d.Step).ToArray();
}
