using System.Collections.Concurrent;
using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Network;
using static YeKuo.Schedule.Templates.ActivityIds;

namespace YeKuo.Schedule.Templates;

/// <summary>
/// The planned network of each class and kind (业扩工程二级网络图, seed 004): company steps split where departments
/// really work in parallel (the joint site survey of 营销 and 运检; the reviews of 运检, 调度 and 计量 before the weekly
/// 方案审查会), the customer's own activities (confirming, designing, building, 整改, paying), and the supply contract
/// and payment beside the customer's construction. Planned durations are typical working days that fit the limits of
/// the policy in force; forecasts replace them with history.
/// </summary>
public static class ApplicationNetworks
{
    private static readonly ConcurrentDictionary<(CustomerClass, ApplicationKind, ScheduleCalendar), ApplicationNetwork> Cache = new();

    public static ApplicationNetwork For(CustomerClass customerClass, ApplicationKind kind, ScheduleCalendar? calendar = null)
    {
        calendar ??= ScheduleCalendar.Default;
        return Cache.GetOrAdd((customerClass, kind, calendar), key => Build(key.Item1, key.Item2, key.Item3));
    }

    /// <summary>True for the 三零 classes (受理 → 勘查 → 装表接电, one visit).</summary>
    public static bool IsZeroService(CustomerClass c) =>
        c is CustomerClass.Residential or CustomerClass.SmallMicroBusiness or CustomerClass.PrivateOrganisation;

    public static bool IsHighVoltage(CustomerClass c) =>
        c is CustomerClass.HighVoltageSingleSource or CustomerClass.HighVoltageDualSource;

    private static ApplicationNetwork Build(CustomerClass c, ApplicationKind kind, ScheduleCalendar calendar)
    {
        var (activities, clocks) = IsZeroService(c) ? ZeroService() : IsHighVoltage(c) ? HighVoltage(c, kind) : LowVoltage(c);
        return new ApplicationNetwork(c, kind, new ScheduleNetwork(activities, calendar), clocks);
    }

    private static ActivityDefinition A(string id, string name, Department owner, Step? step, int days, params Dependency[] after) =>
        new(id, name, owner, step, days, after);

    private static (ActivityDefinition[], ClockSpan[]) HighVoltage(CustomerClass c, ApplicationKind kind)
    {
        var dual = c == CustomerClass.HighVoltageDualSource;
        var hiddenWorks = kind != ApplicationKind.ChangeOfUse;
        var list = new List<ActivityDefinition>
        {
            A(Acceptance, "受理", Department.Acceptance, Step.Acceptance, 1),
            // 联合勘查: the 客户经理 and 运检 survey the site together; the scheme waits for both.
            A(SurveyMarketing, "现场勘查-营销", Department.Acceptance, Step.SiteSurvey, 1, Acceptance),
            A(SurveyOperations, "现场勘查-运检", Department.SupplyScheme, Step.SiteSurvey, 2, Acceptance),
            A(SchemeDrafting, "方案编制", Department.SupplyScheme, Step.SchemeReply, dual ? 3 : 2, SurveyMarketing, SurveyOperations),
            // 并行审批: each department reviews at once; 调度 countersigns after its review.
            A(ReviewOperations, "评审-运检", Department.SupplyScheme, Step.SchemeReply, dual ? 3 : 2, SchemeDrafting),
            A(ReviewDispatch, "评审-调度", Department.SupplyScheme, Step.SchemeReply, 1, SchemeDrafting),
            A(DispatchCountersign, "调度会签", Department.SupplyScheme, Step.SchemeReply, 1, ReviewDispatch),
            A(ReviewMetering, "评审-计量", Department.Metering, Step.SchemeReply, 1, SchemeDrafting),
            A(SchemeMeeting, "方案审查会", Department.SupplyScheme, Step.SchemeReply, 1, ReviewOperations, DispatchCountersign, ReviewMetering) with { FinishesAtMeeting = true },
            A(SchemeReply, "方案答复", Department.SupplyScheme, Step.SchemeReply, 1, SchemeMeeting),
            A(SchemeConfirmation, "客户确认方案", Department.Customer, Step.SchemeConfirmation, 3, SchemeReply),
            A(CustomerDesign, "客户委托设计", Department.Customer, Step.DesignSubmission, dual ? 25 : 20, SchemeConfirmation),
            A(DesignReview, "设计审查", Department.Inspection, Step.DesignReview, 3, CustomerDesign),
            A(DesignRevision, "设计修改(整改)", Department.Customer, Step.DesignReview, 0, DesignReview),
            A(DesignRereview, "设计复审", Department.Inspection, Step.DesignReview, 0, DesignRevision),
        };
        if (hiddenWorks)
        {
            list.Add(A(ConstructionHiddenWorks, "客户施工-隐蔽工程", Department.Customer, Step.IntermediateInspectionRequest, 15, DesignRereview));
            list.Add(A(IntermediateInspection, "中间检查", Department.Inspection, Step.IntermediateInspection, 2, ConstructionHiddenWorks));
            list.Add(A(Construction, "客户施工-完工", Department.Customer, null, dual ? 25 : 20, IntermediateInspection));
        }
        else
        {
            list.Add(A(Construction, "客户施工-完工", Department.Customer, null, 15, DesignRereview));
        }

        list.AddRange(
        [
            A(CompletionRequest, "竣工报验", Department.Customer, Step.CompletionReport, 0, Construction),
            A(CompletionAcceptance, "竣工验收", Department.Inspection, Step.CompletionAcceptance, 2, CompletionRequest),
            A(Rectification, "竣工整改", Department.Customer, Step.CompletionAcceptance, 0, CompletionAcceptance),
            A(Recheck, "竣工复检", Department.Inspection, Step.CompletionAcceptance, 0, Rectification),
            // Contract and fees beside the customer's construction (seed 004: 合同 can be signed while acceptance runs).
            A(SupplyContract, "签订供用电合同", Department.Metering, Step.SupplyContract, 2, DesignRereview),
            A(Payment, "缴纳费用", Department.Customer, null, 5, SupplyContract),
            A(PowerConnection, "装表接电", Department.Metering, Step.PowerConnection, 2, Recheck, Payment),
        ]);

        var clocks = new List<ClockSpan>
        {
            new(Step.SchemeReply, SurveyMarketing, SchemeReply, []),
            new(Step.DesignReview, DesignReview, DesignRereview, [DesignRevision]),
            new(Step.CompletionAcceptance, CompletionAcceptance, Recheck, [Rectification]),
            new(Step.PowerConnection, PowerConnection, PowerConnection, []),
        };
        if (hiddenWorks) clocks.Insert(2, new ClockSpan(Step.IntermediateInspection, IntermediateInspection, IntermediateInspection, []));
        return (list.ToArray(), clocks.ToArray());
    }

    private static (ActivityDefinition[], ClockSpan[]) LowVoltage(CustomerClass c)
    {
        var externalWorks = c == CustomerClass.LowVoltageNonResidential;
        var list = new List<ActivityDefinition>
        {
            A(Acceptance, "受理", Department.Acceptance, Step.Acceptance, 1),
            A(SurveyOperations, "现场勘查", Department.SupplyScheme, Step.SiteSurvey, 1, Acceptance),
            A(SchemeReply, "方案答复", Department.SupplyScheme, Step.SchemeReply, 1, SurveyOperations),
            A(SchemeConfirmation, "客户确认方案", Department.Customer, Step.SchemeConfirmation, 2, SchemeReply),
            A(Construction, "客户施工", Department.Customer, null, 10, SchemeConfirmation),
            A(CompletionRequest, "竣工报验", Department.Customer, Step.CompletionReport, 0, Construction),
            A(CompletionAcceptance, "竣工验收", Department.Inspection, Step.CompletionAcceptance, 1, CompletionRequest),
            A(Rectification, "竣工整改", Department.Customer, Step.CompletionAcceptance, 0, CompletionAcceptance),
            A(Recheck, "竣工复检", Department.Inspection, Step.CompletionAcceptance, 0, Rectification),
            A(SupplyContract, "签订供用电合同", Department.Metering, Step.SupplyContract, 1, SchemeConfirmation),
            A(Payment, "缴纳费用", Department.Customer, null, 3, SupplyContract),
        };
        Dependency[] beforeConnection = externalWorks ? [Recheck, Payment, GridWorks] : [Recheck, Payment];
        if (externalWorks)
        {
            // 外线工程: the company's own grid-side works, beside the customer's construction.
            list.Add(A(GridWorks, "外线工程", Department.SupplyScheme, null, 8, SchemeConfirmation));
        }

        list.Add(A(PowerConnection, "装表接电", Department.Metering, Step.PowerConnection, 1, beforeConnection));
        ClockSpan[] clocks =
        [
            new(Step.SchemeReply, SurveyOperations, SchemeReply, []),
            new(Step.CompletionAcceptance, CompletionAcceptance, Recheck, [Rectification]),
            new(Step.PowerConnection, PowerConnection, PowerConnection, []),
        ];
        return (list.ToArray(), clocks);
    }

    private static (ActivityDefinition[], ClockSpan[]) ZeroService() =>
    (
        [
            A(Acceptance, "受理", Department.Acceptance, Step.Acceptance, 1),
            A(SurveyOperations, "现场勘查", Department.SupplyScheme, Step.SiteSurvey, 1, Acceptance),
            A(PowerConnection, "装表接电", Department.Metering, Step.PowerConnection, 1, SurveyOperations),
        ],
        [new ClockSpan(Step.PowerConnection, SurveyOperations, PowerConnection, [])]
    );
}
