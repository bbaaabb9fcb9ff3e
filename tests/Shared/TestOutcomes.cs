using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.Tests.Support;

/// <summary>A plausible outcome of each step family (the step catalogue's outcome type), for events the tests publish.</summary>
public static class TestOutcomes
{
    public static readonly InspectionOutcome Passed = new(true, [], null);

    public static InspectionOutcome Failed(params string[] defects) => new(false, defects, null);

    public static StepOutcome For(Step step) => StepCatalogue.Of(step).OutcomeType.Name switch
    {
        nameof(AcceptanceOutcome) => new AcceptanceOutcome("资料齐全"),
        nameof(SiteSurveyOutcome) => new SiteSurveyOutcome("具备供电条件", true),
        nameof(SchemeReplyOutcome) => new SchemeReplyOutcome(10, 1, 800, MeteringMethod.HighSupplyHighMetering, "10kV 单电源供电"),
        nameof(SchemeConfirmationOutcome) => new SchemeConfirmationOutcome(true, null),
        nameof(InspectionOutcome) => Passed,
        nameof(SupplyContractOutcome) => new SupplyContractOutcome("GYHT-2026-0001", new DateOnly(2026, 3, 2)),
        nameof(PowerConnectionOutcome) => new PowerConnectionOutcome("3300123456"),
        nameof(CustomerRequestOutcome) => new CustomerRequestOutcome("青海某电力设计院", ["施工图设计文件"], null, null),
        var other => throw new ArgumentOutOfRangeException(nameof(step), step, $"No test outcome for {other}: add one here."),
    };
}
