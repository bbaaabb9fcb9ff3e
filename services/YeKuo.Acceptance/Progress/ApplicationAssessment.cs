using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// How the application is judged under its policy version, and where it stands: each node (高压: on time only if every
/// judged node met its limit) or one span (低压: 受理 → 装表接电 within one limit, the customer's time taken out).
/// </summary>
/// <param name="Kind">EachNode or Span.</param>
/// <param name="Nodes">The judged nodes of the plan (each-node), or the department steps the span counts.</param>
/// <param name="ActualWorkingDays">Span: the company's working days so far (all of them once the span is done).</param>
public sealed record AssessmentView(
    string Kind,
    string? From,
    string? To,
    int? LimitWorkingDays,
    int? ActualWorkingDays,
    bool? OnTime,
    IReadOnlyList<string> Nodes,
    bool IsDefault,
    string Source);

/// <summary>Judges applications by the assessment of their policy version (<see cref="Assessment"/>).</summary>
public sealed class ApplicationAssessor(StepRecords records)
{
    /// <summary>The assessment of the application's policy version with its figures, or null before acceptance.</summary>
    public AssessmentView? Assess(Application application, IReadOnlyList<StepRecord> steps)
    {
        if (records.PolicyOf(application) is not { } policy)
        {
            return null;
        }
        var assessment = policy.AssessmentFor(application.CustomerClass);
        var plan = application.Plan;
        if (assessment.Kind == AssessmentKind.EachNode)
        {
            var nodes = policy.ClocksFor(application.CustomerClass, plan).Where(c => c.Judged).Select(c => c.Owner).ToArray();
            var judged = steps.Where(s => s.Judged).ToArray();
            bool? onTime = judged.Any(s => s.OnTime == false) ? false
                : nodes.All(n => steps.Any(s => s.Step == n && s.OnTime == true)) ? true
                : null;
            return new AssessmentView(nameof(AssessmentKind.EachNode), null, null, null, null, onTime,
                nodes.Select(n => n.ToString()).ToArray(), assessment.IsDefault, assessment.Source);
        }

        var from = Plans.IndexOf(plan, assessment.From!.Value);
        var to = Plans.IndexOf(plan, assessment.To!.Value);
        var span = plan.Where((s, i) => i >= from && i <= to && !StepCatalogue.Of(s).IsCustomerStep).ToArray();
        var counted = steps.Where(s => span.Contains(s.Step)).ToArray();
        var actual = counted.Sum(s => s.ElapsedWorkingDays);
        var done = counted.Any(s => s.Step == assessment.To && s.CompletedAt is not null);
        bool? spanOnTime = actual > assessment.LimitWorkingDays ? false : done ? true : null;
        return new AssessmentView(nameof(AssessmentKind.Span), assessment.From.ToString(), assessment.To.ToString(),
            assessment.LimitWorkingDays, actual, spanOnTime, span.Select(s => s.ToString()).ToArray(), assessment.IsDefault, assessment.Source);
    }

    /// <summary>
    /// 按时办结 of the whole application: late as soon as its assessment is (a judged node late or overdue, or the span over
    /// its limit); on time once power is connected and the assessment holds; pending before that; not judged when closed
    /// without power.
    /// </summary>
    public static string Verdict(Application application, AssessmentView? assessment)
    {
        if (assessment?.OnTime == false)
        {
            return Verdicts.Late;
        }
        return application.Status switch
        {
            ApplicationStatus.PowerConnected => assessment is null || assessment.OnTime == true ? Verdicts.OnTime : Verdicts.Pending,
            ApplicationStatus.Rejected or ApplicationStatus.Withdrawn => Verdicts.NotJudged,
            _ => Verdicts.Pending,
        };
    }
}
