using System.Text.RegularExpressions;

namespace YeKuo.SupplyScheme.Extensions;

/// <summary>The <c>SchemeReview</c> configuration section: who reviews a scheme and when the 方案审查会 meets.</summary>
public sealed partial class SchemeReviewOptions
{
    public const string Section = "SchemeReview";

    /// <summary>运检, 调度, 计量, 营销.</summary>
    public static readonly IReadOnlyList<string> DefaultDepartments = ["operations", "dispatch", "metering", "marketing"];

    /// <summary>The reviewing departments' keys (lower-case); empty or unset: <see cref="DefaultDepartments"/>.</summary>
    public string[]? Departments { get; set; }

    /// <summary>
    /// Whose staff give each reviewing department's opinion: review key → the department of the staff directory
    /// (<c>SchemeReview:ReviewerDepartments:dispatch</c>); unset keys fall back to <see cref="DefaultReviewerDepartments"/>.
    /// </summary>
    public Dictionary<string, string> ReviewerDepartments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>运检 → Inspection (工程检查 is 运检's), 调度 → SupplyScheme (发展策划/调度), 计量 → Metering, 营销 → Acceptance (营销/客户服务中心).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultReviewerDepartments = new Dictionary<string, string>
    {
        ["operations"] = "Inspection",
        ["dispatch"] = "SupplyScheme",
        ["metering"] = "Metering",
        ["marketing"] = "Acceptance",
    };

    /// <summary>The department whose staff give <paramref name="reviewKey"/>'s opinion (SupplyScheme for a key nobody mapped).</summary>
    public string ReviewerDepartmentOf(string reviewKey) =>
        ReviewerDepartments.TryGetValue(reviewKey, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured
        : DefaultReviewerDepartments.GetValueOrDefault(reviewKey, "SupplyScheme");

    /// <summary>The weekday of the weekly 方案审查会.</summary>
    public DayOfWeek MeetingDay { get; set; } = DayOfWeek.Wednesday;

    /// <summary>When the meeting begins, China time (UTC+8).</summary>
    public TimeOnly MeetingTime { get; set; } = new(14, 30);

    /// <summary>
    /// Lets a meeting decision be recorded before the scheduled meeting begins. Off in production (a decision cannot
    /// precede its meeting); for test, demo and bench environments that cannot wait for the weekday.
    /// </summary>
    public bool AllowDecisionBeforeMeeting { get; set; }

    public IReadOnlyList<string> EffectiveDepartments =>
        Departments is { Length: > 0 } configured
            ? configured.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToArray()
            : DefaultDepartments;

    public static bool IsValidDepartmentKey(string key) => DepartmentKey().IsMatch(key);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex DepartmentKey();
}
