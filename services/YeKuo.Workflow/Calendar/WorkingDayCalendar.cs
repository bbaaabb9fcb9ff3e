namespace YeKuo.Workflow.Calendar;

/// <summary>
/// Chinese working days (工作日): weekends and 法定节假日 off, 调休 Saturdays/Sundays on.
/// Immutable and thread-safe. A year without a loaded notice falls back to weekends-only and every result
/// reports it in <see cref="WorkingDayResult.AssumedYears"/> (it never crashes nor assumes silently).
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>Upper bound for one deadline computation; larger values are input errors (API: 400).</summary>
    public const int MaxWorkingDays = 1000;

    private const string ResourceName = "YeKuo.Workflow.Calendar.cn-working-calendar.json";

    private static readonly Lazy<WorkingDayCalendar> Default = new(() =>
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return new WorkingDayCalendar(CalendarDataReader.Parse(reader.ReadToEnd()));
    });

    private readonly Dictionary<int, CalendarYear> _years;
    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _extraWorkingDays;

    public WorkingDayCalendar(IEnumerable<CalendarYearData> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        _years = [];
        _daysOff = [];
        _extraWorkingDays = [];
        foreach (var y in years)
        {
            if (!_years.TryAdd(y.Year, ToYear(y)))
                throw new ArgumentException($"Calendar year {y.Year} is given twice.", nameof(years));
            foreach (var d in y.DaysOff)
                _daysOff.Add(d.Date);
            foreach (var d in y.ExtraWorkingDays)
            {
                if (!_extraWorkingDays.Add(d.Date) || _daysOff.Contains(d.Date))
                    throw new ArgumentException($"{d.Date:yyyy-MM-dd} is listed twice or both off and working.", nameof(years));
            }
        }

        KnownYears = _years.Keys.Order().ToArray();
    }

    /// <summary>The calendar from the embedded official data (parsed once per process).</summary>
    public static WorkingDayCalendar LoadDefault() => Default.Value;

    /// <summary>Years with a loaded notice, ascending.</summary>
    public IReadOnlyList<int> KnownYears { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        if (_daysOff.Contains(date)) return false;
        if (_extraWorkingDays.Contains(date)) return true;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="from"/> (deadline rule of DOMAIN.md:
    /// counting starts the day after, whether or not <paramref name="from"/> is a working day; 0 → from itself).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">days &lt; 0 or &gt; <see cref="MaxWorkingDays"/>.</exception>
    public WorkingDayResult AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxWorkingDays);

        var assumed = new SortedSet<int>();
        var date = from;
        for (var found = 0; found < days;)
        {
            date = date.AddDays(1);
            if (!_years.ContainsKey(date.Year)) assumed.Add(date.Year);
            if (IsWorkingDay(date)) found++;
        }

        return new WorkingDayResult(date, assumed.ToArray());
    }

    /// <summary>Working days d with fromExclusive &lt; d ≤ toInclusive (0 when the dates are equal).</summary>
    /// <exception cref="ArgumentOutOfRangeException">toInclusive is before fromExclusive.</exception>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive < fromExclusive)
            throw new ArgumentOutOfRangeException(nameof(toInclusive), toInclusive, "The end date is before the start date.");
        var count = 0;
        for (var d = fromExclusive.AddDays(1); d <= toInclusive; d = d.AddDays(1))
        {
            if (IsWorkingDay(d)) count++;
        }

        return count;
    }

    /// <summary>The loaded arrangement for a year, or an assumed weekends-only year if no notice is loaded.</summary>
    public CalendarYear GetYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);
        return _years.TryGetValue(year, out var y) ? y : new CalendarYear(year, [], [], IsAssumed: true, Source: null);
    }

    /// <summary>True when the year has no notice loaded and is answered weekends-only.</summary>
    public bool IsAssumedYear(int year) => !_years.ContainsKey(year);

    private static CalendarYear ToYear(CalendarYearData y)
    {
        ArgumentNullException.ThrowIfNull(y.Source);
        foreach (var d in y.DaysOff.Concat(y.ExtraWorkingDays))
        {
            if (d.Date.Year != y.Year)
                throw new ArgumentException($"{d.Date:yyyy-MM-dd} is listed under year {y.Year}.");
        }

        // A 调休 working day only means something on a weekend; a weekday here is a data-entry error.
        foreach (var d in y.ExtraWorkingDays)
        {
            if (d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new ArgumentException($"Extra working day {d.Date:yyyy-MM-dd} is not a weekend day.");
        }

        return new CalendarYear(
            y.Year,
            y.DaysOff.OrderBy(d => d.Date).ToArray(),
            y.ExtraWorkingDays.OrderBy(d => d.Date).ToArray(),
            IsAssumed: false,
            y.Source);
    }
}
