namespace YeKuo.Schedule.Templates;

/// <summary>The ids of the activities of the application networks: the one place they are spelled.</summary>
public static class ActivityIds
{
    public const string Acceptance = "acceptance";
    public const string SurveyMarketing = "survey-marketing";
    public const string SurveyOperations = "survey-operations";
    public const string SchemeDrafting = "scheme-drafting";
    public const string ReviewOperations = "review-operations";
    public const string ReviewDispatch = "review-dispatch";
    public const string DispatchCountersign = "dispatch-countersign";
    public const string ReviewMetering = "review-metering";
    public const string SchemeMeeting = "scheme-meeting";
    public const string SchemeReply = "scheme-reply";
    public const string SchemeConfirmation = "scheme-confirmation";
    public const string CustomerDesign = "customer-design";
    public const string DesignReview = "design-review";
    public const string DesignRevision = "design-revision";
    public const string DesignRereview = "design-rereview";
    public const string ConstructionHiddenWorks = "construction-hidden-works";
    public const string IntermediateInspection = "intermediate-inspection";
    public const string Construction = "construction";
    public const string GridWorks = "grid-works";
    public const string CompletionRequest = "completion-request";
    public const string CompletionAcceptance = "completion-acceptance";
    public const string Rectification = "rectification";
    public const string Recheck = "recheck";
    public const string SupplyContract = "supply-contract";
    public const string Payment = "payment";
    public const string PowerConnection = "power-connection";
}
