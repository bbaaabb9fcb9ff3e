namespace YeKuo.Workflow.Calendar;

/// <summary>
/// The customer's time as one set: pauses merged where they overlap, so no stretch is taken out twice. The deadline clock
/// (<see cref="SlaClock"/>), a step's hours and a handoff's company time all read the customer's time through here. A
/// pause recorded as ending before it starts (data out of order) counts nothing.
/// </summary>
public static class PauseUnion
{
    /// <summary>
    /// The pauses from <paramref name="from"/> on (earlier time cut off), sorted and merged, in UTC; an open pause (no end)
    /// takes in everything after its start.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset? End)[] Of(IEnumerable<(DateTimeOffset Start, DateTimeOffset? End)> pauses, DateTimeOffset from)
    {
        from = from.ToUniversalTime();
        var merged = new List<(DateTimeOffset Start, DateTimeOffset? End)>();
        foreach (var (pausedAt, resumedAt) in pauses.OrderBy(p => p.Start))
        {
            var start = pausedAt.ToUniversalTime() < from ? from : pausedAt.ToUniversalTime();
            var end = resumedAt?.ToUniversalTime();
            if (end is { } closed && closed <= start)
            {
                continue;
            }
            if (merged.Count > 0 && (merged[^1].End is null || merged[^1].End >= start))
            {
                var last = merged[^1];
                merged[^1] = (last.Start, last.End is null || end is null ? null : (last.End > end ? last.End : end));
            }
            else
            {
                merged.Add((start, end));
            }
        }
        return merged.ToArray();
    }

    /// <summary>The time within [<paramref name="from"/>, <paramref name="to"/>] covered by at least one pause; an open pause runs until <paramref name="to"/>.</summary>
    public static TimeSpan Within(IEnumerable<(DateTimeOffset Start, DateTimeOffset? End)> pauses, DateTimeOffset from, DateTimeOffset to)
    {
        var covered = TimeSpan.Zero;
        if (to <= from)
        {
            return covered;
        }
        foreach (var (start, end) in Of(pauses, from))
        {
            if (start >= to)
            {
                break;
            }
            covered += (end is { } closed && closed < to ? closed : to) - start;
        }
        return covered;
    }
}
