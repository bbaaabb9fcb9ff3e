using YeKuo.Acceptance.Reports;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>The company's part of a handoff: completion → opening, the customer's time (the opened step's pauses) taken out.</summary>
public sealed class HandoffTimeTests
{
    private static readonly DateTimeOffset Completed = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static TimeSpan Of(double openedAfterSeconds, params (double From, double? To)[] pauses) =>
        HandoffTime.Of(Completed, Completed.AddSeconds(openedAfterSeconds),
            pauses.Select(p => (Completed.AddSeconds(p.From), p.To is { } to ? Completed.AddSeconds(to) : (DateTimeOffset?)null)));

    [Fact]
    public void Without_pauses_a_handoff_is_completion_to_opening() =>
        Assert.Equal(TimeSpan.FromSeconds(7), Of(7));

    [Fact]
    public void A_hold_until_the_customer_pays_is_taken_out() =>
        Assert.Equal(TimeSpan.FromSeconds(2.5), Of(259_205, (2, 259_204.5)));

    [Fact]
    public void Overlapping_pauses_count_once_and_only_inside_the_handoff() =>
        // (-50, 10) is cut at the completion, (5, 20) overlaps it, (30, null) runs until the opening at 40.
        Assert.Equal(TimeSpan.FromSeconds(10), Of(40, (30, null), (-50, 10), (5, 20)));

    [Fact]
    public void Pauses_after_the_opening_do_not_count() =>
        Assert.Equal(TimeSpan.FromSeconds(40), Of(40, (45, 90)));

    [Fact]
    public void An_opening_recorded_before_the_completion_is_no_time() =>
        Assert.Equal(TimeSpan.Zero, Of(-3));
}
