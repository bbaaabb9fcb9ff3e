using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.IntegrationTests;

/// <summary>Where each step is completed (its department's path prefix, from the catalogues) and a valid completion body (by outcome family).</summary>
public sealed record StepDriver(string Prefix, object Body)
{
    /// <summary>A 10 kV 新装's plan under the current policy: each inspection after the customer's request that starts its clock.</summary>
    public static readonly Step[] HighVoltagePlan =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation,
        Step.DesignSubmission, Step.DesignReview,
        Step.IntermediateInspectionRequest, Step.IntermediateInspection,
        Step.CompletionReport, Step.CompletionAcceptance,
        Step.SupplyContract, Step.PowerConnection,
    ];

    public static StepDriver For(Step step, CustomerClass customerClass = CustomerClass.HighVoltageSingleSource, int round = 1) =>
        new(DepartmentCatalogue.Of(StepCatalogue.Of(step).Department).WorkItemsPrefix!, BodyOf(step, customerClass, round));

    private static object BodyOf(Step step, CustomerClass customerClass, int round) => StepCatalogue.Of(step).OutcomeType.Name switch
    {
        nameof(AcceptanceOutcome) => new { documentsComplete = true, remarks = "资料齐全" },
        nameof(SiteSurveyOutcome) => new { findings = "附近 10kV 线路有裕量，计量点设在客户配电室", gridCapacityAvailable = true },
        nameof(SchemeReplyOutcome) => customerClass switch
        {
            CustomerClass.HighVoltageDualSource => new { voltageKv = 10, sourceCount = 2, capacityKva = 2000, meteringMethod = "HighSupplyHighMetering", summary = "10kV 双电源供电，高供高计" },
            CustomerClass.HighVoltageSingleSource => new { voltageKv = 10, sourceCount = 1, capacityKva = 800, meteringMethod = "HighSupplyHighMetering", summary = "10kV 单电源供电，高供高计" },
            _ => new { voltageKv = 0.4, sourceCount = 1, capacityKva = 100, meteringMethod = "LowSupplyLowMetering", summary = "0.4kV 低压供电，低供低计" },
        },
        nameof(SchemeConfirmationOutcome) => new { confirmed = true },
        nameof(CustomerRequestOutcome) => round > 1
            ? new { contractor = "青海某电力工程有限公司", documents = new[] { "整改报告" }, rectification = "已按检查意见整改完毕" }
            : new { contractor = "青海某电力设计院", documents = new[] { StepCatalogue.Of(step).ChineseName + "资料" } },
        nameof(InspectionOutcome) => new { passed = true },
        nameof(SupplyContractOutcome) => new { contractNumber = "GYHT-2026-0001", signedOn = "2026-11-23" },
        nameof(PowerConnectionOutcome) => new { meterNumber = "3300012345" },
        var family => throw new ArgumentOutOfRangeException(nameof(step), step, $"No completion body for the {family} family."),
    };

    /// <summary>Who completes a step: the customer their own steps (the requests, the confirmation), department staff the rest.</summary>
    public static string ActorFor(Step step, string customer) =>
        StepCatalogue.Of(step).IsCustomerStep ? customer : $"staff-{StepCatalogue.Of(step).Department.ToString().ToLowerInvariant()}";
}
