namespace YeKuo.Schedule.Prediction;

/// <summary>
/// The empirical distribution behind one activity's forecast: days from handed-over to finished (handoff wait plus
/// work) for an activity not started yet, and work days for one in progress; <see cref="Basis"/> names the group
/// they came from (e.g. <c>activity+class+kind</c>) and how many finished activities it holds.
/// </summary>
public sealed record DurationSamples(string Basis, int[] DaysFromReady, int[] WorkDays)
{
    public int Count => DaysFromReady.Length;
}
