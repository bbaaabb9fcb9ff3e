namespace YeKuo.Contracts.Outcomes;

/// <summary>An inspection (设计审查, 中间检查, 竣工验收): passed, or failed with the defects the customer must rectify (整改).</summary>
public sealed record InspectionOutcome(bool Passed, IReadOnlyList<string> Defects, string? Remarks) : StepOutcome
{
    public override bool MovesOn => Passed;
}
