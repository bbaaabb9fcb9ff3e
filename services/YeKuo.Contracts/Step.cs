using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>
/// The identity of a step of an application (业扩报装流程, 《电力营销业扩报装水平的提升策略》 §1.2). Everything else about a
/// step (department, names, who acts, clock, judging, outcome) is in <see cref="StepCatalogue"/>; an application's step
/// set comes from policy data. Stored and published by name, so members may be added anywhere.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Step>))]
public enum Step
{
    Acceptance,
    SiteSurvey,
    AccessSystemDesign,
    SchemeReply,
    SchemeConfirmation,
    DesignSubmission,
    DesignReview,
    IntermediateInspectionRequest,
    IntermediateInspection,
    CompletionReport,
    CompletionAcceptance,
    SupplyContract,
    PowerConnection,
}
