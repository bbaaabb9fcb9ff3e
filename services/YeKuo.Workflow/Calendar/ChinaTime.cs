namespace YeKuo.Workflow.Calendar;

/// <summary>
/// Business days are China Standard Time dates (UTC+8, fixed, no daylight saving): an instant's business day
/// does not depend on the server's time zone.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The date in China of an instant (any offset is accepted; only the instant matters).</summary>
    public static DateOnly BusinessDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>00:00 +08:00 of the day, as a UTC instant.</summary>
    public static DateTimeOffset StartOfBusinessDay(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>End of the business day = next day 00:00 +08:00, as a UTC instant (exclusive end).</summary>
    public static DateTimeOffset EndOfBusinessDay(DateOnly date) => StartOfBusinessDay(date.AddDays(1));
}
