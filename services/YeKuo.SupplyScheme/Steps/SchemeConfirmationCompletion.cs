using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Steps;

/// <summary>The customer confirms the replied scheme (客户确认); their own time, tracked and not judged.</summary>
public sealed class SchemeConfirmationCompletion : StepCompletion<SchemeConfirmationCompletion.Body>
{
    public sealed record Body(bool? Confirmed, string? Comments);

    public override Step Step => Step.SchemeConfirmation;

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        if (body.Confirmed != true)
        {
            errors.Add("confirmed", "confirmed must be true to accept the scheme.");
        }
        errors.Optional("comments", body.Comments, 1000);
    }

    protected override IReadOnlyDictionary<string, string> Outcome(Body body) =>
        body.Comments is { Length: > 0 } comments ? new Dictionary<string, string> { ["comments"] = comments } : new Dictionary<string, string>();
}
