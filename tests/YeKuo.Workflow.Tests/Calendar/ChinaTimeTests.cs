using YeKuo.Workflow.Calendar;

namespace YeKuo.Workflow.Tests.Calendar;

public class ChinaTimeTests
{
    [Fact]
    public void Midnight_in_Beijing_starts_the_next_business_day_although_it_is_still_the_previous_day_in_UTC()
    {
        Assert.Equal(new DateOnly(2026, 2, 13), ChinaTime.BusinessDate(new DateTimeOffset(2026, 2, 13, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 2, 14), ChinaTime.BusinessDate(new DateTimeOffset(2026, 2, 13, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_business_date_depends_on_the_instant_not_on_the_offset_it_is_written_in()
    {
        var utc = new DateTimeOffset(2026, 2, 13, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(ChinaTime.BusinessDate(utc), ChinaTime.BusinessDate(utc.ToOffset(TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void The_end_of_a_business_day_is_the_next_midnight_in_Beijing_as_UTC()
    {
        var end = ChinaTime.EndOfBusinessDay(new DateOnly(2026, 2, 14));

        Assert.Equal(new DateTimeOffset(2026, 2, 14, 16, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(TimeSpan.Zero, end.Offset);
        Assert.Equal(new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.FromHours(8)), end);
    }
}
