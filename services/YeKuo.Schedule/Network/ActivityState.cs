namespace YeKuo.Schedule.Network;

/// <summary>Where an activity stands at the status date of a re-plan.</summary>
public enum ActivityState
{
    NotStarted,
    InProgress,
    Done,
}
