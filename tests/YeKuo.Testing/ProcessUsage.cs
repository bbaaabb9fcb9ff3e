namespace YeKuo.Testing;

/// <summary>CPU seconds in user and kernel mode and bytes written to storage by a process (or a sum of processes).</summary>
public readonly record struct ProcessUsage(double UserSeconds, double SystemSeconds, long WrittenBytes)
{
    public double CpuSeconds => UserSeconds + SystemSeconds;

    public static ProcessUsage operator +(ProcessUsage a, ProcessUsage b) =>
        new(a.UserSeconds + b.UserSeconds, a.SystemSeconds + b.SystemSeconds, a.WrittenBytes + b.WrittenBytes);

    /// <summary>What was used between <paramref name="before"/> and <paramref name="after"/> (never negative: a restarted process starts again at 0).</summary>
    public static ProcessUsage Between(ProcessUsage before, ProcessUsage after) =>
        new(Math.Max(0, after.UserSeconds - before.UserSeconds), Math.Max(0, after.SystemSeconds - before.SystemSeconds),
            Math.Max(0, after.WrittenBytes - before.WrittenBytes));
}
