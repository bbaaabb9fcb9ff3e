namespace YeKuo.Notification.Domain;

/// <summary>What a customer notice (客户通知) is about. Inspection steps have a passed and a failed (整改) kind.</summary>
public enum NoticeKind
{
    /// <summary>申请已提交.</summary>
    ApplicationSubmitted,

    /// <summary>已受理, with the 客户经理 who follows the application.</summary>
    ApplicationAccepted,

    /// <summary>现场勘查 done.</summary>
    SiteSurveyCompleted,

    /// <summary>供电方案答复: the scheme, which the customer must confirm.</summary>
    SchemeReplied,

    DesignReviewPassed,

    /// <summary>设计审查 not passed: the defects to rectify (整改) before resubmitting.</summary>
    DesignReviewFailed,

    IntermediateInspectionPassed,

    /// <summary>中间检查 not passed: the defects to rectify before the re-check.</summary>
    IntermediateInspectionFailed,

    CompletionAcceptancePassed,

    /// <summary>竣工验收 not passed: the defects to rectify before the re-check.</summary>
    CompletionAcceptanceFailed,

    /// <summary>供用电合同 signed.</summary>
    SupplyContractSigned,

    /// <summary>装表接电 done: the customer has power.</summary>
    PowerConnected,

    /// <summary>不予受理, with the reasons.</summary>
    ApplicationRejected,

    /// <summary>The customer withdrew the application.</summary>
    ApplicationWithdrawn,

    /// <summary>临时用电 ends soon: remove it or convert it to a permanent supply.</summary>
    TemporarySupplyEndingSoon,

    /// <summary>临时用电: how it ends was decided (removed, or converted).</summary>
    TemporarySupplyEnded,
}
