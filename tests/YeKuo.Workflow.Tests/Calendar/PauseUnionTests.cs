using YeKuo.Workflow.Calendar;

namespace YeKuo.Workflow.Tests.Calendar;

/// <summary>The customer's time as one set: what the deadline clock, a step's hours and a handoff all take out.</summary>
public sealed class PauseUnionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static (DateTimeOffset, DateTimeOffset?) Pause(double from, double? to) =>
        (T0.AddHours(from), to is { } end ? T0.AddHours(end) : null);

    [Fact]
    public void Overlapping_and_touching_pauses_merge_into_one()
    {
        var union = PauseUnion.Of([Pause(5, 9), Pause(0, 2), Pause(1, 4), Pause(4, 6)], T0);

        Assert.Equal([Pause(0, 9)], union);
    }

    [Fact]
    public void An_open_pause_takes_in_every_later_one()
    {
        var union = PauseUnion.Of([Pause(3, null), Pause(4, 20), Pause(1, 2)], T0);

        Assert.Equal([Pause(1, 2), Pause(3, null)], union);
    }

    [Fact]
    public void Time_before_the_start_is_cut_off_and_a_pause_ending_before_it_begins_counts_nothing()
    {
        var union = PauseUnion.Of([Pause(-5, 1), Pause(-9, -8), Pause(6, 5)], T0);

        Assert.Equal([Pause(0, 1)], union);
    }

    [Fact]
    public void Within_a_window_counts_each_covered_hour_once_and_an_open_pause_up_to_the_end()
    {
        Assert.Equal(TimeSpan.FromHours(2 + 3), PauseUnion.Within([Pause(-1, 2), Pause(1, 2), Pause(7, null)], T0, T0.AddHours(10)));
        Assert.Equal(TimeSpan.Zero, PauseUnion.Within([Pause(11, 12)], T0, T0.AddHours(10)));
        Assert.Equal(TimeSpan.Zero, PauseUnion.Within([Pause(0, 5)], T0, T0));
    }

    [Fact]
    public void Times_in_other_offsets_merge_by_instant()
    {
        var beijing = TimeSpan.FromHours(8);
        var union = PauseUnion.Of([(T0.ToOffset(beijing), T0.AddHours(2).ToOffset(beijing)), Pause(1, 3)], T0);

        var merged = Assert.Single(union);
        Assert.Equal((T0, T0.AddHours(3)), (merged.Start, merged.End!.Value));
        Assert.Equal(TimeSpan.Zero, merged.Start.Offset);
    }
}
