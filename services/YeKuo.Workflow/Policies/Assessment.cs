using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

public enum AssessmentKind
{
    /// <summary>高压: on time only if every node of the plan (the catalogue's <see cref="StepJudging.Node"/> steps) met its limit.</summary>
    EachNode,

    /// <summary>低压: one span from <see cref="Assessment.From"/> to <see cref="Assessment.To"/>, the customer's time taken out, within one limit.</summary>
    Span,
}

/// <summary>How a document judges an application of a class (按时办结): node by node, or as one span.</summary>
public sealed record Assessment(AssessmentKind Kind, Step? From, Step? To, int? LimitWorkingDays, bool IsDefault, string Source);
