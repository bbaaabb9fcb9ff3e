namespace YeKuo.Workflow.Calendar;

/// <summary>
/// Deadline maths for one work item (时限 of a step).
/// <para>
/// Working time: every working day of the China calendar counts its full 24 hours (00:00–24:00 +08:00),
/// non-working days count nothing. This keeps "N working days" and "working time" the same quantity, so a
/// clock needs no office hours to be configured.
/// </para>
/// <para>
/// Unpaused due: the end of the N-th working day after the start's business date (DOMAIN.md deadline rule).
/// The allowed working time is the working time from the start instant to that due, so it includes the rest of
/// the start day when that day is a working day.
/// </para>
/// <para>
/// Pauses: working time inside a pause is not spent. The due is the first instant at which the unpaused
/// working time since the start reaches the allowed working time. So a pause covering whole working days moves
/// the due by exactly those working days; a partial pause moves it by the paused hours counted on working days
/// only (e.g. 5 paused hours on a working day move a 24:00 due to 05:00 of the next working day). Pause time on
/// non-working days moves nothing. Overlapping pauses are merged; pause time before the start is ignored.
/// </para>
/// </summary>
public sealed class SlaClock
{
    // A closed pause cannot extend a clock forever; this bounds the search against corrupt data.
    private const int MaxSearchDays = 366 * 50;

    private readonly WorkingDayCalendar _calendar;
    private readonly (DateTimeOffset Start, DateTimeOffset? End)[] _pauses;

    public SlaClock(WorkingDayCalendar calendar, DateTimeOffset start, int limitWorkingDays, IEnumerable<PauseInterval>? pauses = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        // A zero limit would make the allowed time zero (start on a holiday) and the fractions undefined.
        ArgumentOutOfRangeException.ThrowIfLessThan(limitWorkingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limitWorkingDays, WorkingDayCalendar.MaxWorkingDays);

        _calendar = calendar;
        Start = start.ToUniversalTime();
        LimitWorkingDays = limitWorkingDays;
        Pauses = (pauses ?? []).OrderBy(p => p.Start).ToArray();
        _pauses = PauseUnion.Of(Pauses.Select(p => (p.Start, p.End)), Start);

        var dueDay = calendar.AddWorkingDays(StartBusinessDate, limitWorkingDays);
        UnpausedDue = ChinaTime.EndOfBusinessDay(dueDay.Date);
        AllowedWorkingTime = WorkingTime(Start, UnpausedDue);
        Due = MomentOfWorkingTime(AllowedWorkingTime);

        var lastDay = ChinaTime.BusinessDate(Due ?? UnpausedDue);
        AssumedYears = Enumerable.Range(StartBusinessDate.Year, lastDay.Year - StartBusinessDate.Year + 1)
            .Where(calendar.IsAssumedYear)
            .ToArray();
    }

    public DateTimeOffset Start { get; }

    public DateOnly StartBusinessDate => ChinaTime.BusinessDate(Start);

    public int LimitWorkingDays { get; }

    public IReadOnlyList<PauseInterval> Pauses { get; }

    /// <summary>End of the N-th working day after the start's business date, ignoring pauses.</summary>
    public DateTimeOffset UnpausedDue { get; }

    /// <summary>Working time the department may spend (see class remarks for the unit).</summary>
    public TimeSpan AllowedWorkingTime { get; }

    /// <summary>The due instant with paused working time added back; null while an open pause holds the clock before the due.</summary>
    public DateTimeOffset? Due { get; }

    /// <summary>Years between start and due answered by the weekends-only fallback (the due is provisional then).</summary>
    public IReadOnlyList<int> AssumedYears { get; }

    /// <summary>Unpaused working time spent from the start up to <paramref name="at"/> (an open pause runs up to <paramref name="at"/>).</summary>
    public TimeSpan SpentWorkingTime(DateTimeOffset at)
    {
        if (at <= Start) return TimeSpan.Zero;
        return WorkingTime(Start, at) - PausedWorkingTime(at);
    }

    /// <summary>Working time inside pauses from the start up to <paramref name="at"/>.</summary>
    public TimeSpan PausedWorkingTime(DateTimeOffset at)
    {
        var paused = TimeSpan.Zero;
        foreach (var (s, e) in _pauses)
        {
            if (s >= at) break;
            var end = e is { } pe && pe < at ? pe : at;
            paused += WorkingTime(s, end);
        }

        return paused;
    }

    /// <summary>Share of the allowed working time spent at <paramref name="at"/>: 0.5 / 0.8 fire 预警, above 1 is 超时.</summary>
    public double ElapsedFraction(DateTimeOffset at) =>
        (double)SpentWorkingTime(at).Ticks / AllowedWorkingTime.Ticks;

    /// <summary>Overdue (超时) once the instant is past the due; never while the clock is held by an open pause.</summary>
    public bool IsOverdue(DateTimeOffset at) => Due is { } due && at > due;

    /// <summary>
    /// The instant at which <paramref name="fraction"/> of the allowed working time is spent (e.g. 0.5, 0.8, 1.0),
    /// used to schedule timer rows. Null if an open pause starts before that moment (unknown until resumed).
    /// </summary>
    public DateTimeOffset? WarningMoment(double fraction)
    {
        if (!(fraction > 0) || fraction > 100)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be in (0, 100].");
        return MomentOfWorkingTime(TimeSpan.FromTicks((long)Math.Round(AllowedWorkingTime.Ticks * fraction)));
    }

    // Walks working days from the start, skipping paused stretches, until `target` working time is spent.
    private DateTimeOffset? MomentOfWorkingTime(TimeSpan target)
    {
        var spent = TimeSpan.Zero;
        var day = StartBusinessDate;
        for (var i = 0; i < MaxSearchDays; i++, day = day.AddDays(1))
        {
            var dayStart = ChinaTime.StartOfBusinessDay(day);
            if (_pauses.Any(p => p.End is null && p.Start <= dayStart))
                return null;
            if (!_calendar.IsWorkingDay(day)) continue;

            var cursor = dayStart < Start ? Start : dayStart;
            var dayEnd = ChinaTime.EndOfBusinessDay(day);
            foreach (var (s, e) in _pauses.Where(p => p.Start < dayEnd && (p.End is null || p.End > cursor)))
            {
                if (s > cursor)
                {
                    if (spent + (s - cursor) >= target) return cursor + (target - spent);
                    spent += s - cursor;
                }

                if (e is null || e >= dayEnd) { cursor = dayEnd; break; }
                cursor = e.Value > cursor ? e.Value : cursor;
            }

            if (cursor < dayEnd)
            {
                if (spent + (dayEnd - cursor) >= target) return cursor + (target - spent);
                spent += dayEnd - cursor;
            }

            if (_pauses.Any(p => p.End is null && p.Start < dayEnd && spent < target))
                return null;
        }

        throw new InvalidOperationException("The clock does not reach its due within the search horizon; check the pause data.");
    }

    // Working time in [from, to): the overlap with each working day of the China calendar.
    private TimeSpan WorkingTime(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        for (var day = ChinaTime.BusinessDate(from); from < to; day = day.AddDays(1))
        {
            var dayEnd = ChinaTime.EndOfBusinessDay(day);
            var end = dayEnd < to ? dayEnd : to;
            if (_calendar.IsWorkingDay(day)) total += end - from;
            from = end;
        }

        return total;
    }
}
