using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Metering.Steps;

/// <summary>签订供用电合同: the signed supply contract's number and date.</summary>
public sealed class SupplyContractCompletion : StepCompletion<SupplyContractCompletion.Body>
{
    public sealed record Body(string? ContractNumber, DateOnly? SignedOn);

    public override Step Step => Step.SupplyContract;

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        errors.Required("contractNumber", body.ContractNumber, 40);
        if (body.SignedOn is null)
        {
            errors.Add("signedOn", "signedOn is required (yyyy-MM-dd).");
        }
    }

    protected override IReadOnlyDictionary<string, string> Outcome(Body body) => new Dictionary<string, string>
    {
        ["contractNumber"] = body.ContractNumber!.Trim(),
        ["signedOn"] = body.SignedOn!.Value.ToString("yyyy-MM-dd"),
    };
}
