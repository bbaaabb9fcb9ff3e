using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.WhatIf;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Foresight;

/// <summary>
/// A what-if scenario as the platform asks for it (<c>POST /api/reports/what-if</c>). Anything left out keeps the rules
/// as they were. <see cref="Source"/>: <c>stored</c> (the finished applications in the database) or <c>generated</c>
/// (a generated history of <see cref="GeneratedApplications"/>, for a demonstration).
/// </summary>
/// <param name="PolicyVersion">Judge every application by this time-limit document (e.g. SGCC-YK-KH) instead of its own.</param>
/// <param name="Limits">Working-day limits per step (e.g. {"SchemeReply": 12}).</param>
/// <param name="WarningThresholds">预警 levels as shares of the allowed time, ascending, each in (0, 1).</param>
/// <param name="MeetingWeekday">The 方案审查会's weekday (Monday to Friday).</param>
/// <param name="MeetingEveryWeeks">It sits every 1 to 8 weeks.</param>
/// <param name="ExtraReviewerDays">More reviewer days a week for the scheme reviews (0 to 5), on top of <see cref="ReviewerDaysPerWeek"/>.</param>
public sealed record WhatIfRequest(
    string? Name = null,
    string? Source = null,
    int? GeneratedApplications = null,
    string? PolicyVersion = null,
    Dictionary<string, int>? Limits = null,
    double[]? WarningThresholds = null,
    string? MeetingWeekday = null,
    int? MeetingEveryWeeks = null,
    int? ExtraReviewerDays = null,
    int? ReviewerDaysPerWeek = null)
{
    public const string Stored = "stored";
    public const string Generated = "generated";

    /// <summary>The scenario, or the field errors that make it invalid.</summary>
    public (WhatIfScenario? Scenario, Dictionary<string, string[]> Errors) ToScenario(TimeLimitPolicyBook policies)
    {
        var errors = new Dictionary<string, string[]>();
        var source = Source ?? Stored;
        if (source is not (Stored or Generated))
        {
            errors["source"] = ["source must be stored or generated."];
        }
        if (GeneratedApplications is { } n && (n < 100 || n > 6000))
        {
            errors["generatedApplications"] = ["generatedApplications must be 100 to 6000."];
        }
        if (Name is { Length: > 100 })
        {
            errors["name"] = ["name must be at most 100 characters."];
        }

        TimeLimitPolicy? policy = null;
        if (!string.IsNullOrWhiteSpace(PolicyVersion))
        {
            policy = policies.Policies.FirstOrDefault(p => p.Version == PolicyVersion);
            if (policy is null)
            {
                errors["policyVersion"] = [$"Unknown time-limit document '{PolicyVersion}'; known: {string.Join(", ", policies.Policies.Select(p => p.Version))}."];
            }
        }

        Dictionary<Step, int>? limits = null;
        if (Limits is { Count: > 0 })
        {
            limits = [];
            foreach (var (name, days) in Limits)
            {
                if (!Enum.TryParse<Step>(name, ignoreCase: false, out var step) || !Enum.IsDefined(step) || int.TryParse(name, out _))
                {
                    errors[$"limits.{name}"] = [$"'{name}' is not a step (e.g. SchemeReply, DesignReview, CompletionAcceptance, PowerConnection)."];
                }
                else if (StepCatalogue.Of(step).IsCustomerStep)
                {
                    errors[$"limits.{name}"] = [$"{name} is the customer's step: it has no limit."];
                }
                else if (days is < 1 or > 200)
                {
                    errors[$"limits.{name}"] = ["A limit must be 1 to 200 working days."];
                }
                else
                {
                    limits[step] = days;
                }
            }
        }

        if (WarningThresholds is { } thresholds)
        {
            if (thresholds.Length is 0 or > 5 || thresholds.Any(t => !(t > 0 && t < 1)) || thresholds.Zip(thresholds.Skip(1)).Any(p => p.Second <= p.First))
            {
                errors["warningThresholds"] = ["warningThresholds must be 1 to 5 shares between 0 and 1, ascending (e.g. [0.5, 0.8])."];
            }
        }

        MeetingRule? meeting = null;
        if (MeetingWeekday is not null || MeetingEveryWeeks is not null)
        {
            var weekday = DayOfWeek.Wednesday;
            if (MeetingWeekday is not null && (!Enum.TryParse(MeetingWeekday, ignoreCase: true, out weekday) || int.TryParse(MeetingWeekday, out _)
                || weekday is DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors["meetingWeekday"] = ["meetingWeekday must be Monday to Friday."];
            }
            if (MeetingEveryWeeks is { } every && (every < 1 || every > 8))
            {
                errors["meetingEveryWeeks"] = ["meetingEveryWeeks must be 1 to 8."];
            }
            else if (!errors.ContainsKey("meetingWeekday"))
            {
                meeting = new MeetingRule(weekday, MeetingEveryWeeks ?? 1);
            }
        }

        ReviewCapacity? reviewers = null;
        if (ExtraReviewerDays is not null || ReviewerDaysPerWeek is not null)
        {
            var extra = ExtraReviewerDays ?? 0;
            var perWeek = ReviewerDaysPerWeek ?? 5;
            if (extra is < 0 or > 5)
            {
                errors["extraReviewerDays"] = ["extraReviewerDays must be 0 to 5."];
            }
            if (perWeek is < 1 or > 5)
            {
                errors["reviewerDaysPerWeek"] = ["reviewerDaysPerWeek must be 1 to 5."];
            }
            if (extra is >= 0 and <= 5 && perWeek is >= 1 and <= 5)
            {
                reviewers = new ReviewCapacity(perWeek, extra);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var scenario = new WhatIfScenario(
            string.IsNullOrWhiteSpace(Name) ? Describe(policy, limits, meeting, reviewers) : Name.Trim(),
            policy, limits, WarningThresholds, meeting, reviewers);
        return (scenario, errors);
    }

    private string Describe(TimeLimitPolicy? policy, Dictionary<Step, int>? limits, MeetingRule? meeting, ReviewCapacity? reviewers)
    {
        var parts = new List<string>();
        if (policy is not null) parts.Add($"policy {policy.Version}");
        if (limits is { Count: > 0 }) parts.Add(string.Join(", ", limits.Select(l => $"{l.Key} {l.Value} WD")));
        if (WarningThresholds is not null) parts.Add($"warnings at {string.Join("/", WarningThresholds.Select(t => $"{t:P0}"))}");
        if (meeting is not null) parts.Add($"meeting {meeting}");
        if (reviewers is not null) parts.Add($"+{reviewers.ExtraReviewerDays} reviewer day(s)");
        return parts.Count == 0 ? "baseline" : string.Join("; ", parts);
    }
}
