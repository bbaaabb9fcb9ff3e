using YeKuo.Contracts;

namespace YeKuo.Acceptance.Domain;

/// <summary>The names customers and staff know the steps by.</summary>
public static class StepNames
{
    public static string Of(Step step) => step switch
    {
        Step.Acceptance => "受理",
        Step.SiteSurvey => "现场勘查",
        Step.SchemeReply => "供电方案答复",
        Step.SchemeConfirmation => "客户确认方案",
        Step.DesignReview => "设计审查",
        Step.IntermediateInspection => "中间检查",
        Step.CompletionAcceptance => "竣工验收",
        Step.SupplyContract => "签订供用电合同",
        Step.PowerConnection => "装表接电",
        _ => step.ToString(),
    };
}
