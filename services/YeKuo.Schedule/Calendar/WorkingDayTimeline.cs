using YeKuo.Workflow.Calendar;

namespace YeKuo.Schedule.Calendar;

/// <summary>
/// Working days numbered from an epoch, so a schedule can add and compare them as integers.
/// Index i is the i-th working day after <see cref="Epoch"/>; <see cref="IndexOf"/> of any date is the number of
/// working days in (epoch, date]. That is the deadline rule of the project: an activity of N working days started on
/// date D (index k = IndexOf(D)) is due on <see cref="DateOf"/>(k + N), whether or not D is a working day, and a
/// successor handed the work that day starts on the same index. Built once from the calendar (immutable, thread-safe).
/// </summary>
public sealed class WorkingDayTimeline
{
    private readonly DateOnly[] _dates;    // _dates[i] = date of working day i (i ≥ 1); _dates[0] = epoch
    private readonly int[] _indexByDay;    // working days in (epoch, epoch + n days]

    public WorkingDayTimeline(WorkingDayCalendar calendar, DateOnly epoch, DateOnly last)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (last <= epoch) throw new ArgumentOutOfRangeException(nameof(last), last, "The timeline must end after its epoch.");
        Calendar = calendar;
        Epoch = epoch;
        Last = last;
        var days = last.DayNumber - epoch.DayNumber;
        _indexByDay = new int[days + 1];
        var dates = new List<DateOnly> { epoch };
        for (var n = 1; n <= days; n++)
        {
            var date = epoch.AddDays(n);
            if (calendar.IsWorkingDay(date)) dates.Add(date);
            _indexByDay[n] = dates.Count - 1;
        }

        _dates = dates.ToArray();
        AssumedYears = Enumerable.Range(epoch.Year, last.Year - epoch.Year + 1).Where(calendar.IsAssumedYear).ToArray();
    }

    /// <summary>The project's calendar from 2024-01-01 (index 1 is its first working day) to the end of 2035.</summary>
    public static WorkingDayTimeline Default { get; } =
        new(WorkingDayCalendar.LoadDefault(), new DateOnly(2023, 12, 31), new DateOnly(2035, 12, 31));

    public WorkingDayCalendar Calendar { get; }

    public DateOnly Epoch { get; }

    public DateOnly Last { get; }

    /// <summary>The highest index the timeline knows.</summary>
    public int MaxIndex => _dates.Length - 1;

    /// <summary>Years of the timeline with no published notice (weekends only): dates in them are provisional.</summary>
    public IReadOnlyList<int> AssumedYears { get; }

    /// <summary>Working days in (epoch, date].</summary>
    public int IndexOf(DateOnly date)
    {
        if (date < Epoch || date > Last)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The timeline covers {Epoch:yyyy-MM-dd}..{Last:yyyy-MM-dd}.");
        return _indexByDay[date.DayNumber - Epoch.DayNumber];
    }

    /// <summary>The date of working day <paramref name="index"/> (the epoch for 0).</summary>
    public DateOnly DateOf(int index)
    {
        if (index < 0 || index > MaxIndex)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The timeline has working days 0..{MaxIndex}.");
        return _dates[index];
    }

    public bool Contains(int index) => index >= 0 && index <= MaxIndex;
}
