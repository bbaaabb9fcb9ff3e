using YeKuo.Contracts;

namespace YeKuo.Schedule.WhatIf;

/// <summary>One department clock of one replayed application: company days spent against the limit, when it stopped.</summary>
public sealed record ReplayedClock(string ApplicationId, Step Step, Department Department, int Days, int Limit, bool Judged, DateOnly EndDate)
{
    public bool OnTime => Days <= Limit;

    /// <summary>Whether a 预警 at this share of the allowed time would have fired (the clock ran past it).</summary>
    public bool Warned(double threshold) => Days > threshold * Limit;
}
