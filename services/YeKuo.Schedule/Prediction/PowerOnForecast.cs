namespace YeKuo.Schedule.Prediction;

/// <summary>
/// A forecast of the power-on (装表接电) day of an open application, made at the end of working day
/// <see cref="StatusIndex"/>: P50 and P90 of the simulated finishes, and the deterministic re-plan with the planned
/// durations for comparison. <see cref="Basis"/> tells, per remaining activity, which history group it drew from.
/// </summary>
public sealed record PowerOnForecast(
    int StatusIndex,
    int P50Index,
    int P90Index,
    DateOnly P50Date,
    DateOnly P90Date,
    int PlannedFinishIndex,
    DateOnly PlannedFinishDate,
    int Iterations,
    IReadOnlyDictionary<string, string> Basis)
{
    /// <summary>Working days from the status date to the P50 date.</summary>
    public int P50RemainingDays => P50Index - StatusIndex;

    public int P90RemainingDays => P90Index - StatusIndex;
}
