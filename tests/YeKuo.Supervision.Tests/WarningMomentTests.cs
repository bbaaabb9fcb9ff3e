using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>
/// An HV single-source 供电方案答复 (10 working days) opened on Monday 2 March 2026 at 10:00 China time. Working time
/// allowed: the 14 h left of the first day + 10 × 24 h = 254 h; 50% = 127 h → Mon 9 March 17:00; 80% = 203.2 h →
/// Thu 12 March 21:12; due: end of Mon 16 March (17 March 00:00).
/// </summary>
public sealed class WarningMomentTests : IDisposable
{
    private static readonly DateTimeOffset Opened = China.At(2026, 3, 2, 10);
    private static readonly DateTimeOffset HalfUsed = China.At(2026, 3, 9, 17);
    private static readonly DateTimeOffset MostlyUsed = China.At(2026, 3, 12, 21, 12);
    private static readonly DateTimeOffset Due = China.At(2026, 3, 17, 0);

    private readonly SupervisionWorld _world = new(Opened);

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Opening_a_work_item_plans_its_first_level_and_each_level_fired_plans_the_next_at_the_sla_moments()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        Assert.Equal(Due, item.DueAt);
        Assert.Equal([(SupervisionLevel.HalfUsed, HalfUsed)], await PendingAsync(service, item.Id));
        _world.Time.SetUtcNow(HalfUsed);
        await service.ScanAsync();
        Assert.Equal([(SupervisionLevel.MostlyUsed, MostlyUsed)], await PendingAsync(service, item.Id));
        _world.Time.SetUtcNow(MostlyUsed);
        await service.ScanAsync();
        Assert.Equal([(SupervisionLevel.Overdue, Due)], await PendingAsync(service, item.Id));
        _world.Time.SetUtcNow(Due - TimeSpan.FromTicks(1));
        await service.ScanAsync();
        Assert.Equal([(SupervisionLevel.Overdue, Due)], await PendingAsync(service, item.Id));
        _world.Time.SetUtcNow(Due);
        await service.ScanAsync();
        Assert.Empty(await PendingAsync(service, item.Id));
        Assert.Equal(
            [(SupervisionLevel.HalfUsed, HalfUsed), (SupervisionLevel.MostlyUsed, MostlyUsed), (SupervisionLevel.Overdue, Due), (SupervisionLevel.Escalation, Due)],
            (await service.TimersAsync(item.Id)).OrderBy(t => t.Level).Select(t => (t.Level, t.FireAt)));

        // The same instants the SLA clock itself gives.
        var clock = new SlaClock(service.Deadlines.Calendar, Opened, 10);
        Assert.Equal(clock.WarningMoment(0.5), HalfUsed);
        Assert.Equal(clock.WarningMoment(0.8), MostlyUsed);
    }

    [Fact]
    public async Task Half_used_fires_exactly_at_the_working_day_moment_and_only_once()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        _world.Time.SetUtcNow(HalfUsed - TimeSpan.FromTicks(1));
        await service.ScanAsync();
        Assert.Empty(await service.WarningsAsync());

        _world.Time.SetUtcNow(HalfUsed);
        await service.ScanAsync();
        await service.ScanAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        await service.ScanAsync();

        var warning = Assert.Single(await service.WarningsAsync());
        Assert.Equal(DeadlineLevel.HalfUsed, warning.Level);
        Assert.Equal(item.Id, warning.WorkItemId);
        Assert.Equal(item.ApplicationNumber, warning.ApplicationNumber);
        Assert.Equal(Step.SchemeReply, warning.Step);
        Assert.Equal(Department.SupplyScheme, warning.Department);
        Assert.Equal(Due, warning.DueAt);
        Assert.Equal(HalfUsed, warning.RaisedAt);
    }

    [Fact]
    public async Task Mostly_used_fires_at_eighty_percent_of_the_working_time()
    {
        using var service = _world.StartReplica();
        await service.OpenAsync();

        _world.Time.SetUtcNow(MostlyUsed - TimeSpan.FromMinutes(1));
        await service.ScanAsync();
        Assert.Equal([DeadlineLevel.HalfUsed], (await service.WarningsAsync()).Select(w => w.Level));

        _world.Time.SetUtcNow(MostlyUsed);
        await service.ScanAsync();
        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed], (await service.WarningsAsync()).Select(w => w.Level));
    }

    [Fact]
    public async Task Overdue_and_escalation_to_the_department_head_fire_at_the_due_time_by_default()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        _world.Time.SetUtcNow(Due - TimeSpan.FromTicks(1));
        await service.ScanAsync();
        Assert.DoesNotContain(await service.WarningsAsync(), w => w.Level == DeadlineLevel.Overdue);
        Assert.Empty(await service.EscalationsAsync());

        _world.Time.SetUtcNow(Due);
        await service.ScanAsync();
        Assert.Single(await service.WarningsAsync(), w => w.Level == DeadlineLevel.Overdue);
        var escalation = Assert.Single(await service.EscalationsAsync());
        Assert.Equal(item.Id, escalation.WorkItemId);
        Assert.Equal("head-supplyscheme", escalation.DepartmentHead);
        Assert.Equal(Due, escalation.DueAt);
        Assert.Equal(Due, escalation.EscalatedAt);
    }

    [Fact]
    public async Task Every_level_fires_once_however_often_the_scanner_runs()
    {
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        for (var at = Opened; at <= Due + TimeSpan.FromDays(5); at += TimeSpan.FromHours(7))
        {
            _world.Time.SetUtcNow(at);
            await service.ScanAsync();
            await service.ScanAsync();
        }

        var warnings = await service.WarningsAsync();
        Assert.Equal([DeadlineLevel.HalfUsed, DeadlineLevel.MostlyUsed, DeadlineLevel.Overdue], warnings.Select(w => w.Level));
        Assert.Single(await service.EscalationsAsync());
        Assert.All(await service.TimersAsync(item.Id), t => Assert.NotNull(t.FiredAt));
    }

    [Fact]
    public async Task A_period_crossing_national_day_2026_puts_the_warning_after_the_holidays()
    {
        // Opened Tue 29 Sep 2026 10:00. Working days: 29, 30 Sep; 1–7 Oct off (国庆); 8, 9, 10 (Saturday, 调休) Oct;
        // 11 Oct off; 12 Oct onwards. 127 h → Mon 12 Oct 17:00; due: end of the 10th working day, Mon 19 Oct.
        _world.Time.SetUtcNow(China.At(2026, 9, 29, 10));
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        Assert.Equal(China.At(2026, 10, 20, 0), item.DueAt);
        var half = Assert.Single(await service.TimersAsync(item.Id), t => t.Level == SupervisionLevel.HalfUsed);
        Assert.Equal(China.At(2026, 10, 12, 17), half.FireAt);

        // Counting weekends only, half the time would be gone on Mon 5 Oct 17:00: in the middle of the holidays.
        _world.Time.SetUtcNow(China.At(2026, 10, 5, 17));
        await service.ScanAsync();
        _world.Time.SetUtcNow(China.At(2026, 10, 12, 16, 59));
        await service.ScanAsync();
        Assert.Empty(await service.WarningsAsync());

        _world.Time.SetUtcNow(China.At(2026, 10, 12, 17));
        await service.ScanAsync();
        Assert.Equal(DeadlineLevel.HalfUsed, Assert.Single(await service.WarningsAsync()).Level);
    }

    [Fact]
    public async Task Warning_fractions_grace_and_department_heads_come_from_configuration()
    {
        _world.Settings["Supervision:WarningFractions:0"] = "0.6";
        _world.Settings["Supervision:WarningFractions:1"] = "0.9";
        _world.Settings["Supervision:EscalateAfter"] = "04:00:00";
        _world.Settings["Supervision:DepartmentHeads:SupplyScheme"] = "wang.fang";
        using var service = _world.StartReplica();
        var item = await service.OpenAsync();

        var clock = new SlaClock(service.Deadlines.Calendar, Opened, 10);
        Assert.Equal([(SupervisionLevel.HalfUsed, clock.WarningMoment(0.6)!.Value)], await PendingAsync(service, item.Id));
        _world.Time.SetUtcNow(clock.WarningMoment(0.6)!.Value);
        await service.ScanAsync();
        Assert.Equal([(SupervisionLevel.MostlyUsed, clock.WarningMoment(0.9)!.Value)], await PendingAsync(service, item.Id));

        _world.Time.SetUtcNow(Due);
        await service.ScanAsync();
        Assert.Empty(await service.EscalationsAsync());
        Assert.Equal([(SupervisionLevel.Escalation, Due + TimeSpan.FromHours(4))], await PendingAsync(service, item.Id));

        _world.Time.SetUtcNow(Due + TimeSpan.FromHours(4));
        await service.ScanAsync();
        Assert.Equal("wang.fang", Assert.Single(await service.EscalationsAsync()).DepartmentHead);
    }

    [Fact]
    public async Task Work_on_the_customers_own_time_gets_no_timers()
    {
        using var service = _world.StartReplica();
        var confirmation = await service.OpenAsync(Step.SchemeConfirmation);

        Assert.Null(confirmation.DueAt);
        Assert.Empty(await service.TimersAsync(confirmation.Id));
    }

    private static async Task<List<(SupervisionLevel Level, DateTimeOffset FireAt)>> PendingAsync(Replica service, Guid workItemId) =>
        (await service.TimersAsync(workItemId)).Where(t => t.FiredAt is null).Select(t => (t.Level, t.FireAt)).ToList();
}
