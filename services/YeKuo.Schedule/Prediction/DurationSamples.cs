namespace YeKuo.Schedule.Prediction;

/// <summary>
/// The empirical distribution behind one activity's forecast: days from handed-over to finished (handoff wait plus
/// work) for an activity not started yet, and work days for one in progress; <see cref="Basis"/> names the group
/// they came from (e.g. <c>activity+class+kind</c>) and how many finished activities it holds.
/// </summary>
public sealed record DurationSamples(string Basis, int[] DaysFromReady, int[] WorkDays)
{
    public int Count => DaysFromReady.Length;

    /// <summary>
    /// True when the durations spread (fewer than half are 0): those of a customer's activities move together with
    /// the customer's pace. Mostly-zero ones (整改 that usually does not happen) are drawn on their own.
    /// </summary>
    public bool Spreads => Count > 0 && DaysFromReady[Count / 2] > 0;

    /// <summary>The normal score of a ready → finish duration within these samples (mid-rank, so ties sit in the middle).</summary>
    public double NormalScore(int daysFromReady)
    {
        var below = LowerBound(DaysFromReady, daysFromReady);
        var upTo = LowerBound(DaysFromReady, daysFromReady + 1);
        var u = (below + upTo) / 2.0 / Count;
        return Normal.InverseCdf(Math.Clamp(u, 0.5 / Count, 1 - 0.5 / Count));
    }

    /// <summary>The ready → finish duration at quantile <paramref name="u"/>.</summary>
    public int AtQuantile(double u) => DaysFromReady[Math.Clamp((int)(u * Count), 0, Count - 1)];

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }

        return lo;
    }
}
