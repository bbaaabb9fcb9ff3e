namespace YeKuo.Workflow.Policies;

/// <summary>Customer-service tasks outside an application's step plan that still run on a working-day limit.</summary>
public enum ServiceTask
{
    /// <summary>投诉处理: a complaint is answered and closed (整改, 问责) within the limit from when it was recorded.</summary>
    ComplaintHandling,

    /// <summary>回访: customer service calls or visits the customer within the limit from power-on (装表接电).</summary>
    FollowUpVisit,

    /// <summary>方案审查 opinion: each reviewing department (并行审批) gives its opinion within the limit from the draft's submission.</summary>
    SchemeReviewOpinion,
}
