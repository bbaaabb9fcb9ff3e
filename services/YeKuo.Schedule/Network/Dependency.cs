namespace YeKuo.Schedule.Network;

/// <summary>Finish-to-start: the successor may start <see cref="LagWorkingDays"/> working days after the predecessor finishes.</summary>
public sealed record Dependency(string PredecessorId, int LagWorkingDays = 0)
{
    public static implicit operator Dependency(string predecessorId) => new(predecessorId);
}
