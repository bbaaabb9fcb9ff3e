using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Steps;

/// <summary>现场勘查 done: what the surveyor found on site (supply conditions, route, meter position).</summary>
public sealed class SiteSurveyCompletion : StepCompletion<SiteSurveyCompletion.Body>
{
    public sealed record Body(string? Findings, bool? GridCapacityAvailable);

    public override Step Step => Step.SiteSurvey;

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        errors.Required("findings", body.Findings, 2000);
        if (body.GridCapacityAvailable is null)
        {
            errors.Add("gridCapacityAvailable", "gridCapacityAvailable is required: can the nearby grid take the load?");
        }
    }

    protected override IReadOnlyDictionary<string, string> Outcome(Body body) => new Dictionary<string, string>
    {
        ["findings"] = body.Findings!.Trim(),
        ["gridCapacityAvailable"] = body.GridCapacityAvailable == true ? "true" : "false",
    };
}
