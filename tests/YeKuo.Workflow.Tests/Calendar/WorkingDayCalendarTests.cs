using YeKuo.Workflow.Calendar;

namespace YeKuo.Workflow.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.LoadDefault();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(OfficialHolidays.DaysOff), MemberType = typeof(OfficialHolidays))]
    public void Every_official_day_off_is_not_a_working_day(string date, string holiday)
    {
        Assert.False(Cal.IsWorkingDay(D(date)), $"{date} ({holiday}) must be off");
        Assert.Contains(Cal.GetYear(D(date).Year).DaysOff, d => d.Date == D(date) && d.Name == holiday);
    }

    [Theory]
    [MemberData(nameof(OfficialHolidays.ExtraWorkingDays), MemberType = typeof(OfficialHolidays))]
    public void Every_official_adjusted_weekend_day_is_a_working_day(string date, string holiday)
    {
        Assert.True(D(date).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(Cal.IsWorkingDay(D(date)), $"{date} ({holiday}) is a 调休 working day");
        Assert.Contains(Cal.GetYear(D(date).Year).ExtraWorkingDays, d => d.Date == D(date) && d.Name == holiday);
    }

    [Fact]
    public void The_embedded_calendar_lists_exactly_the_official_days_of_2024_to_2026()
    {
        var off = OfficialHolidays.DaysOff.Select(r => D((string)r[0])).ToHashSet();
        var extra = OfficialHolidays.ExtraWorkingDays.Select(r => D((string)r[0])).ToHashSet();
        int[] years = [2024, 2025, 2026];

        Assert.Equal(years, Cal.KnownYears);
        Assert.True(off.SetEquals(years.SelectMany(y => Cal.GetYear(y).DaysOff).Select(d => d.Date)));
        Assert.True(extra.SetEquals(years.SelectMany(y => Cal.GetYear(y).ExtraWorkingDays).Select(d => d.Date)));
    }

    [Theory]
    [InlineData("2025-03-03", true)] // Monday
    [InlineData("2025-03-05", true)] // Wednesday
    [InlineData("2025-03-07", true)] // Friday
    [InlineData("2025-03-08", false)] // Saturday
    [InlineData("2025-03-09", false)] // Sunday
    [InlineData("2024-07-13", false)] // Saturday
    [InlineData("2026-10-08", true)] // Thursday after 国庆 (the 2026 notice ends the holiday on 10-07)
    public void Ordinary_weekdays_work_and_ordinary_weekends_are_off(string date, bool working) =>
        Assert.Equal(working, Cal.IsWorkingDay(D(date)));

    [Fact]
    public void Adding_one_working_day_to_the_Friday_before_spring_festival_lands_on_the_working_Saturday()
    {
        var due = Cal.AddWorkingDays(new DateOnly(2026, 2, 13), 1);

        Assert.Equal(new DateOnly(2026, 2, 14), due.Date);
        Assert.Equal(DayOfWeek.Saturday, due.Date.DayOfWeek);
        Assert.Empty(due.AssumedYears);
    }

    [Fact]
    public void Three_working_days_from_the_eve_of_national_day_2026_skip_the_holiday_and_land_on_the_working_Saturday()
    {
        var due = Cal.AddWorkingDays(new DateOnly(2026, 9, 30), 3);

        Assert.Equal(new DateOnly(2026, 10, 10), due.Date);
        Assert.False(due.IsAssumed);
    }

    [Theory]
    [InlineData("2025-03-05", 2, "2025-03-07")] // within a week
    [InlineData("2025-03-07", 1, "2025-03-10")] // Friday → Monday
    [InlineData("2025-03-08", 1, "2025-03-10")] // counted from a Saturday: the start day need not be a working day
    [InlineData("2026-02-16", 1, "2026-02-24")] // counted from inside 春节
    [InlineData("2024-12-31", 1, "2025-01-02")] // 元旦 2025 across the year end
    [InlineData("2026-02-21", 0, "2026-02-21")] // zero days: the start day itself, even on a holiday
    public void Adding_working_days_counts_from_the_day_after_the_start(string from, int days, string expected) =>
        Assert.Equal(D(expected), Cal.AddWorkingDays(D(from), days).Date);

    [Fact]
    public void A_year_without_a_notice_falls_back_to_weekends_only_and_says_so()
    {
        var due = Cal.AddWorkingDays(new DateOnly(2027, 3, 5), 5);

        Assert.Equal(new DateOnly(2027, 3, 12), due.Date);
        Assert.Equal([2027], due.AssumedYears);
        Assert.True(due.IsAssumed);
        Assert.True(Cal.IsWorkingDay(new DateOnly(2027, 1, 1))); // 元旦 2027 unknown: a plain Friday
        var year = Cal.GetYear(2027);
        Assert.True(year.IsAssumed);
        Assert.Null(year.Source);
        Assert.Empty(year.DaysOff);
        Assert.Empty(year.ExtraWorkingDays);
    }

    [Fact]
    public void A_deadline_crossing_into_an_unpublished_year_reports_that_year_as_assumed()
    {
        var due = Cal.AddWorkingDays(new DateOnly(2026, 12, 30), 5);

        Assert.Equal(new DateOnly(2027, 1, 6), due.Date);
        Assert.Equal([2027], due.AssumedYears);
    }

    [Fact]
    public void A_known_year_carries_its_source_notice()
    {
        var year = Cal.GetYear(2026);

        Assert.False(year.IsAssumed);
        Assert.Equal("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm", year.Source!.Url);
        Assert.Contains("2026年部分节假日安排", year.Source.Title);
        Assert.Equal(33, year.DaysOff.Count);
        Assert.Equal(6, year.ExtraWorkingDays.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(int.MinValue)]
    public void Adding_a_negative_or_excessive_number_of_working_days_is_rejected(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.AddWorkingDays(new DateOnly(2026, 1, 5), days));

    [Fact]
    public void Adding_the_maximum_number_of_working_days_is_allowed() =>
        Assert.True(Cal.AddWorkingDays(new DateOnly(2026, 1, 5), WorkingDayCalendar.MaxWorkingDays).IsAssumed);

    [Theory]
    [InlineData("2026-09-30", "2026-10-10", 3)]
    [InlineData("2026-02-13", "2026-02-14", 1)]
    [InlineData("2025-03-03", "2025-03-03", 0)]
    [InlineData("2025-03-02", "2025-03-09", 5)]
    public void Counting_working_days_excludes_the_start_and_includes_the_end(string from, string to, int expected) =>
        Assert.Equal(expected, Cal.CountWorkingDays(D(from), D(to)));

    [Fact]
    public void Counting_backwards_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Cal.CountWorkingDays(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)));

    [Fact]
    public void A_calendar_built_from_custom_data_uses_that_data()
    {
        var cal = new WorkingDayCalendar(
        [
            new CalendarYearData(2030, new SourceNotice("test notice", "https://example.invalid/2030"),
                [new NamedDay(new DateOnly(2030, 1, 1), "元旦")],
                [new NamedDay(new DateOnly(2030, 1, 5), "元旦")]),
        ]);

        Assert.False(cal.IsWorkingDay(new DateOnly(2030, 1, 1))); // Tuesday off
        Assert.True(cal.IsWorkingDay(new DateOnly(2030, 1, 5))); // Saturday on
        Assert.Equal(new DateOnly(2030, 1, 2), cal.AddWorkingDays(new DateOnly(2029, 12, 31), 1).Date);
        Assert.Equal([2030], cal.KnownYears);
        Assert.Empty(cal.AddWorkingDays(new DateOnly(2030, 3, 1), 3).AssumedYears);
    }

    [Fact]
    public void An_extra_working_day_on_a_weekday_is_rejected_as_a_data_error() =>
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(
        [
            new CalendarYearData(2030, new SourceNotice("t", "u"), [], [new NamedDay(new DateOnly(2030, 1, 7), "x")]),
        ]));

    [Fact]
    public void A_day_listed_under_the_wrong_year_is_rejected_as_a_data_error() =>
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(
        [
            new CalendarYearData(2030, new SourceNotice("t", "u"), [new NamedDay(new DateOnly(2031, 1, 1), "元旦")], []),
        ]));

    [Fact]
    public void A_year_given_twice_is_rejected()
    {
        var year = new CalendarYearData(2030, new SourceNotice("t", "u"), [], []);
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([year, year]));
    }

    [Fact]
    public void Calendar_data_in_another_format_is_rejected() =>
        Assert.Throws<FormatException>(() => CalendarDataReader.Parse("""{ "format": "other/1", "years": [] }"""));

    [Fact]
    public void Calendar_data_is_parsed_from_the_project_format()
    {
        var years = CalendarDataReader.Parse("""
            { "format": "yekuo-working-calendar/1",
              "years": [ { "year": 2030, "source": { "title": "t", "url": "u" },
                           "daysOff": [ { "date": "2030-01-01", "name": "元旦" } ], "extraWorkingDays": [] } ] }
            """);

        var year = Assert.Single(years);
        Assert.Equal(new NamedDay(new DateOnly(2030, 1, 1), "元旦"), Assert.Single(year.DaysOff));
    }
}
