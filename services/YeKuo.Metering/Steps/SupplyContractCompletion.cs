using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Metering.Steps;

/// <summary>签订供用电合同: the signed supply contract's number and date.</summary>
public sealed class SupplyContractCompletion : StepCompletion<SupplyContractCompletion.Body, SupplyContractOutcome>
{
    public sealed record Body(string? ContractNumber, DateOnly? SignedOn);

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        errors.Required("contractNumber", body.ContractNumber, 40);
        if (body.SignedOn is null)
        {
            errors.Add("signedOn", "signedOn is required (yyyy-MM-dd).");
        }
    }

    protected override SupplyContractOutcome Outcome(Body body, WorkItem item) => new(body.ContractNumber!.Trim(), body.SignedOn!.Value);
}
