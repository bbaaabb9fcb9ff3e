namespace YeKuo.Workflow.Calendar;

/// <summary>
/// Customer-caused waiting (客户设计施工, 联系不上客户, 资料不全) that stops the department's clock.
/// <see cref="End"/> is null while the pause is still open.
/// </summary>
public sealed record PauseInterval
{
    public PauseInterval(DateTimeOffset start, DateTimeOffset? end, string? reason = null)
    {
        if (end < start)
            throw new ArgumentOutOfRangeException(nameof(end), end, "A pause cannot end before it starts.");
        Start = start;
        End = end;
        Reason = reason;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset? End { get; }

    public string? Reason { get; }

    public bool IsOpen => End is null;
}
