namespace YeKuo.Contracts;

/// <summary>The steps of an application (业扩报装流程, 《电力营销业扩报装水平的提升策略》 §1.2). An application's step set comes from policy data.</summary>
public enum Step
{
    /// <summary>受理: 资料审核与受理反馈.</summary>
    Acceptance,

    /// <summary>现场勘查.</summary>
    SiteSurvey,

    /// <summary>供电方案答复.</summary>
    SchemeReply,

    /// <summary>客户确认供电方案 (the customer's own step).</summary>
    SchemeConfirmation,

    /// <summary>设计审查.</summary>
    DesignReview,

    /// <summary>中间检查.</summary>
    IntermediateInspection,

    /// <summary>竣工验收.</summary>
    CompletionAcceptance,

    /// <summary>签订供用电合同.</summary>
    SupplyContract,

    /// <summary>装表接电.</summary>
    PowerConnection,
}
