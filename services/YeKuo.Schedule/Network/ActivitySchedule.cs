namespace YeKuo.Schedule.Network;

/// <summary>
/// An activity with its critical path figures, in working days from the project start (ES 0 = the day the
/// application starts), and the dates they fall on. Total float = LF − EF (how much later it may finish without
/// moving the job's finish); free float = earliest (ES − lag) of the successors − EF (without moving any successor; a successor waiting for a
/// 方案审查会 sitting counts from the latest start that still makes the same sitting, since starting it later moves nothing).
/// For a done activity the figures are its actual start and finish.
/// </summary>
public sealed record ActivitySchedule(
    ActivityDefinition Definition,
    ActivityState State,
    int EarliestStart,
    int EarliestFinish,
    int LatestStart,
    int LatestFinish,
    int TotalFloat,
    int FreeFloat,
    int MeetingWait,
    DateOnly StartDate,
    DateOnly FinishDate,
    DateOnly LatestFinishDate)
{
    public string Id => Definition.Id;

    /// <summary>Working days from start to finish (work, plus any wait for the meeting).</summary>
    public int Span => EarliestFinish - EarliestStart;

    /// <summary>On the critical path of the remaining work: a day late here is a day late for the job.</summary>
    public bool IsCritical => State != ActivityState.Done && TotalFloat <= 0;
}
