using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// An inspection-like step (设计审查, 中间检查, 竣工验收): passed, or failed with the defects to rectify. A failure
/// records the defects and reopens the same step in the next round (整改 → 复检), so every round is kept.
/// </summary>
public sealed class InspectionCompletion(Step step) : StepCompletion<InspectionResult>
{
    public const int MaxDefects = 50;

    public override Step Step => step;

    protected override void Validate(InspectionResult body, WorkItem item, FieldErrors errors)
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

    protected override IReadOnlyDictionary<string, string> Outcome(InspectionResult body)
    {
        var outcome = new Dictionary<string, string> { [StepOutcome.Passed] = body.Passed == true ? "true" : "false" };
        if (body.Defects is { Count: > 0 } defects)
        {
            outcome["defects"] = string.Join('\n', defects.Select(d => d.Trim()));
        }
        if (body.Remarks is { Length: > 0 } remarks)
        {
            outcome["remarks"] = remarks;
        }
        return outcome;
    }
}
