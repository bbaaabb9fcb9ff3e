using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>Where each step is completed (the owning service's path prefix) and a valid completion body.</summary>
public sealed record StepDriver(string Prefix, object Body)
{
    public static StepDriver For(Step step, CustomerClass customerClass = CustomerClass.HighVoltageSingleSource) => (step, customerClass) switch
    {
        (Step.SchemeReply, CustomerClass.HighVoltageDualSource) => new("/api/supply-scheme", new { voltageKv = 10, sourceCount = 2, capacityKva = 2000, meteringMethod = "HighSupplyHighMetering", summary = "10kV 双电源供电，高供高计" }),
        (Step.SchemeReply, not (CustomerClass.HighVoltageSingleSource or CustomerClass.HighVoltageDualSource)) => new("/api/supply-scheme", new { voltageKv = 0.4, sourceCount = 1, capacityKva = 100, meteringMethod = "LowSupplyLowMetering", summary = "0.4kV 低压供电，低供低计" }),
        _ => For(step),
    };

    private static StepDriver For(Step step) => step switch
    {
        Step.Acceptance => new("/api/applications", new { documentsComplete = true, remarks = "资料齐全" }),
        Step.SiteSurvey => new("/api/supply-scheme", new { findings = "附近 10kV 线路有裕量，计量点设在客户配电室", gridCapacityAvailable = true }),
        Step.SchemeReply => new("/api/supply-scheme", new { voltageKv = 10, sourceCount = 1, capacityKva = 800, meteringMethod = "HighSupplyHighMetering", summary = "10kV 单电源供电，高供高计" }),
        Step.SchemeConfirmation => new("/api/supply-scheme", new { confirmed = true }),
        Step.DesignReview or Step.IntermediateInspection or Step.CompletionAcceptance => new("/api/inspection", new { passed = true }),
        Step.SupplyContract => new("/api/metering", new { contractNumber = "GYHT-2026-0001", signedOn = "2026-11-23" }),
        Step.PowerConnection => new("/api/metering", new { meterNumber = "3300012345" }),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>Who completes a step: the customer confirms the scheme, department staff do the rest.</summary>
    public static string ActorFor(Step step, string customer) =>
        StepCatalogue.Of(step).IsCustomerStep ? customer : $"staff-{StepCatalogue.Of(step).Department.ToString().ToLowerInvariant()}";
}
