using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Steps;

/// <summary>现场勘查 done: what the surveyor found on site (supply conditions, route, meter position).</summary>
public sealed class SiteSurveyCompletion : StepCompletion<SiteSurveyCompletion.Body, SiteSurveyOutcome>
{
    public sealed record Body(string? Findings, bool? GridCapacityAvailable);

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        errors.Required("findings", body.Findings, 2000);
        if (body.GridCapacityAvailable is null)
        {
            errors.Add("gridCapacityAvailable", "gridCapacityAvailable is required: can the nearby grid take the load?");
        }
    }

    protected override SiteSurveyOutcome Outcome(Body body, WorkItem item) => new(body.Findings!.Trim(), body.GridCapacityAvailable == true);
}
