using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
namespace YeKuo.Bench.Scenarios;

/// <summary>The customer classes the scenario mixes, with a valid submission and valid step completions for each.</summary>
public static class CustomerClasses
{
    /// <summary>统一社会信用代码 with a correct GB 32100 check character.</summary>
    public const string CreditCode = "91632200MA752ABC1C";

    /// <summary>居民身份证号 with a correct ISO 7064 MOD 11-2 check digit.</summary>
    public const string ResidentId = "63220019900101123X";

    /// <summary>The mix, one entry per 20 applications: HV single 5, HV dual 3, LV non-residential 3 + 3 (both kinds),
    /// 三零: residential 4, small/micro business 1, private organisation 1.</summary>
    public static readonly IReadOnlyList<string> Mix =
    [
        "HighVoltageSingleSource", "Residential", "LowVoltageNonResidential", "HighVoltageDualSource", "LowVoltageNonResidentialNoExternalWorks",
        "HighVoltageSingleSource", "Residential", "SmallMicroBusiness", "LowVoltageNonResidential", "HighVoltageSingleSource",
        "HighVoltageDualSource", "LowVoltageNonResidentialNoExternalWorks", "Residential", "HighVoltageSingleSource", "PrivateOrganisation",
        "LowVoltageNonResidential", "HighVoltageDualSource", "Residential", "LowVoltageNonResidentialNoExternalWorks", "HighVoltageSingleSource",
    ];

    public static bool IsHighVoltage(string customerClass) => customerClass.StartsWith("HighVoltage", StringComparison.Ordinal);

    /// <summary>
    /// The 新装 plan of a submission of <paramref name="customerClass"/> from a class entry of GET /api/policies/time-limits:
    /// the class's steps without those that apply only from a higher voltage (接入系统设计 from 110 kV).
    /// </summary>
    public static IReadOnlyList<string> PlanOf(string customerClass, System.Text.Json.JsonElement classEntry)
    {
        var voltage = Shape(customerClass).Voltage;
        return classEntry.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("minVoltageKv") is not { ValueKind: System.Text.Json.JsonValueKind.Number } min || min.GetDecimal() <= voltage)
            .Select(s => s.GetProperty("step").GetString()!)
            .ToArray();
    }

    private static (decimal Voltage, decimal Capacity, int Sources, string Identity) Shape(string customerClass) => customerClass switch
    {
        "HighVoltageSingleSource" => (10m, 800m, 1, CreditCode),
        "HighVoltageDualSource" => (10m, 2000m, 2, CreditCode),
        "Residential" => (0.22m, 8m, 1, ResidentId),
        "SmallMicroBusiness" => (0.4m, 50m, 1, CreditCode),
        "PrivateOrganisation" => (0.4m, 100m, 1, CreditCode),
        _ => (0.4m, 100m, 1, CreditCode),
    };

    public static object Submission(string customerClass, int index)
    {
        var (voltage, capacity, sources, identity) = Shape(customerClass);
        return new
        {
            customerName = $"混沌测试客户 {index:D5}",
            customerClass,
            identityNumber = identity,
            contactPhone = "13800138000",
            address = $"青海省海北州西海镇工业园 {index} 号",
            capacityKva = capacity,
            voltageKv = voltage,
            sourceCount = sources,
        };
    }

    /// <summary>The service path prefix that hosts a step's work items (step and department catalogues).</summary>
    public static string PrefixOf(string step) =>
        DepartmentCatalogue.Of(Definition(step).Department).WorkItemsPrefix
        ?? throw new ArgumentOutOfRangeException(nameof(step), step, "The step's department hosts no work items.");

    /// <summary>The service (resource name) that hosts a step.</summary>
    public static string ServiceOf(string step) => DepartmentCatalogue.Of(Definition(step).Department).Service!;

    /// <summary>Who completes a step: the customer their own steps, department staff the rest.</summary>
    public static string ActorOf(string step, string customer) =>
        Definition(step).IsCustomerStep ? customer : "staff-" + ServiceOf(step);

    private static StepDefinition Definition(string step) =>
        StepCatalogue.TryGet(step, out var definition) ? definition : throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step.");

    /// <summary>A valid completion body, by the step's outcome family (a new step of a known family needs nothing here).</summary>
    public static object CompletionBody(string step, string customerClass, int index) => Definition(step).OutcomeType.Name switch
    {
        nameof(AcceptanceOutcome) => new { documentsComplete = true, remarks = "资料齐全" },
        nameof(SiteSurveyOutcome) => new { findings = "附近线路有裕量，计量点设在客户配电室", gridCapacityAvailable = true },
        nameof(SchemeReplyOutcome) => IsHighVoltage(customerClass)
            ? new
            {
                voltageKv = 10m,
                sourceCount = customerClass == "HighVoltageDualSource" ? 2 : 1,
                capacityKva = customerClass == "HighVoltageDualSource" ? 2000m : 800m,
                meteringMethod = "HighSupplyHighMetering",
                summary = "10kV 供电，高供高计",
            }
            : new { voltageKv = 0.4m, sourceCount = 1, capacityKva = 100m, meteringMethod = "LowSupplyLowMetering", summary = "0.4kV 供电，低供低计" },
        nameof(SchemeConfirmationOutcome) => new { confirmed = true },
        nameof(InspectionOutcome) => new { passed = true },
        nameof(SupplyContractOutcome) => new { contractNumber = $"GYHT-CHAOS-{index:D6}", signedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        nameof(PowerConnectionOutcome) => new { meterNumber = $"33{index:D8}" },
        nameof(CustomerRequestOutcome) => new { contractor = "青海某电力工程有限公司", documents = new[] { Definition(step).ChineseName + "资料" } },
        var family => throw new ArgumentOutOfRangeException(nameof(step), step, $"No completion body for the {family} family."),
    };

    /// <summary>The customer notice a completed step yields (null: the step has none).</summary>
    public static string? NoticeOf(string step) => step switch
    {
        "Acceptance" => "ApplicationAccepted",
        "SiteSurvey" => "SiteSurveyCompleted",
        "SchemeReply" => "SchemeReplied",
        "DesignReview" => "DesignReviewPassed",
        "IntermediateInspection" => "IntermediateInspectionPassed",
        "CompletionAcceptance" => "CompletionAcceptancePassed",
        "SupplyContract" => "SupplyContractSigned",
        "PowerConnection" => "PowerConnected",
        _ => null,
    };

    /// <summary>The notices an application of this plan must receive, exactly once each.</summary>
    public static IReadOnlyList<string> ExpectedNotices(IReadOnlyList<string> plan) =>
        new[] { "ApplicationSubmitted" }.Concat(plan.Select(NoticeOf).OfType<string>()).ToArray();
}
