using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.WhatIf;

/// <summary>
/// More reviewer time for the scheme reviews: the reviewers sit <see cref="ReviewerDaysPerWeek"/> days a week and get
/// <see cref="ExtraReviewerDays"/> more. A simple capacity model: the work and the handoff wait of each review scale by
/// days / (days + extra) (rounded up; a review still takes at least one day).
/// </summary>
public sealed record ReviewCapacity(int ReviewerDaysPerWeek, int ExtraReviewerDays)
{
    /// <summary>The review activities (并行审批) the capacity applies to.</summary>
    public static IReadOnlySet<string> ReviewActivities { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ActivityIds.ReviewOperations, ActivityIds.ReviewDispatch, ActivityIds.DispatchCountersign, ActivityIds.ReviewMetering,
    };

    public double Factor => (double)ReviewerDaysPerWeek / (ReviewerDaysPerWeek + ExtraReviewerDays);
}
