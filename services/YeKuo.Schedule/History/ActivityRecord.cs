namespace YeKuo.Schedule.History;

/// <summary>
/// What one activity of a finished application actually took, in timeline indices: handed the work (its predecessors
/// done) on <see cref="ReadyIndex"/>, started on <see cref="StartIndex"/>, finished on <see cref="FinishIndex"/>, of
/// which <see cref="WorkDays"/> were work (the rest of the span is the wait for a 方案审查会 sitting).
/// </summary>
public sealed record ActivityRecord(string ActivityId, int ReadyIndex, int StartIndex, int FinishIndex, int WorkDays)
{
    /// <summary>Working days the work waited at the handoff before anyone started it.</summary>
    public int HandoffDays => StartIndex - ReadyIndex;

    public int Span => FinishIndex - StartIndex;

    public int MeetingWait => Span - WorkDays;

    /// <summary>Ready → finish without the meeting wait: the quantity a forecast draws for an activity not started yet.</summary>
    public int DaysFromReady => HandoffDays + WorkDays;
}
