using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// The inspections (设计审查, 中间检查, 竣工验收): passed, or failed with the defects to rectify. A failure sends the
/// application back (整改 → 复检) as the step's catalogue entry says; every round is kept.
/// </summary>
public sealed class InspectionCompletion : StepCompletion<InspectionCompletion.Body, InspectionOutcome>
{
    public const int MaxDefects = 50;

    /// <summary>Passed, or failed with the defects to rectify (整改).</summary>
    public sealed record Body(bool? Passed, IReadOnlyList<string>? Defects, string? Remarks);

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        if (body.Passed is null)
        {
            errors.Add("passed", "passed is required (true or false).");
        }
        var defects = body.Defects ?? [];
        if (body.Passed == false && defects.Count == 0)
        {
            errors.Add("defects", "A failed inspection lists at least one defect to rectify (整改).");
        }
        if (body.Passed == true && defects.Count > 0)
        {
            errors.Add("defects", "A passed inspection has no defects; record them as a failure instead.");
        }
        if (defects.Count > MaxDefects || defects.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > 200))
        {
            errors.Add("defects", $"At most {MaxDefects} defects, each 1 to 200 characters.");
        }
        errors.Optional("remarks", body.Remarks, 1000);
    }

    protected override InspectionOutcome Outcome(Body body, WorkItem item) => new(
        body.Passed == true,
        (body.Defects ?? []).Select(d => d.Trim()).ToArray(),
        body.Remarks is { Length: > 0 } remarks ? remarks.Trim() : null);
}
