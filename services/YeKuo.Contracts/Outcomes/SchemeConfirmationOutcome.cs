namespace YeKuo.Contracts.Outcomes;

/// <summary>客户确认方案: the customer accepts the replied scheme, or asks for changes (with comments) and it is revised.</summary>
public sealed record SchemeConfirmationOutcome(bool Confirmed, string? Comments) : StepOutcome
{
    public override bool MovesOn => Confirmed;
}
