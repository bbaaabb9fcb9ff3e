using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Live;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.Tests;

/// <summary>How a timeline's step rounds become the network's activities (Mon 2026-03-02 = day 0, no holiday to 04-03).</summary>
public sealed class TimelineProgressTests
{
    private static readonly WorkingDayTimeline Days = ScheduleCalendar.Default.Timeline;
    private static readonly int Start = Days.IndexOf(new DateOnly(2026, 3, 2));
    private static readonly ApplicationNetwork HighVoltage = ApplicationNetworks.For(CustomerClass.HighVoltageSingleSource, ApplicationKind.NewConnection);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public void A_failed_completion_acceptance_becomes_acceptance_the_customers_rectification_and_a_recheck()
    {
        StepRound[] rounds =
        [
            new(Step.CompletionReport, 1, D(3, 2), D(3, 4)),
            new(Step.CompletionAcceptance, 1, D(3, 4), D(3, 6), MovesOn: false),
            new(Step.CompletionReport, 2, D(3, 6), D(3, 13)),
            new(Step.CompletionAcceptance, 2, D(3, 13), D(3, 16)),
        ];

        var progress = TimelineProgress.Read(HighVoltage, rounds, Start, Start + 15).Activities;

        Assert.Equal((0, 2), (progress["construction"].StartIndex - Start, progress["construction"].FinishIndex - Start));
        Assert.Equal((2, 4), (progress["completion-acceptance"].StartIndex - Start, progress["completion-acceptance"].FinishIndex - Start));
        Assert.Equal((4, 9), (progress["rectification"].StartIndex - Start, progress["rectification"].FinishIndex - Start));
        Assert.Equal((9, 10), (progress["recheck"].StartIndex - Start, progress["recheck"].FinishIndex - Start));
    }

    [Fact]
    public void Activities_no_service_records_are_done_once_what_follows_has_started()
    {
        StepRound[] rounds =
        [
            new(Step.SupplyContract, 1, D(3, 2), D(3, 3)),
            new(Step.PowerConnection, 1, D(3, 9), null),
        ];

        var live = TimelineProgress.Read(HighVoltage, rounds, Start, Start + 7);

        Assert.Equal((ActivityState.Done, 1, 5), (live.Activities["payment"].State, live.Activities["payment"].StartIndex - Start, live.Activities["payment"].FinishIndex!.Value - Start));
        Assert.Contains("payment", live.Inferred);
        Assert.Equal(ActivityState.InProgress, live.Activities["power-connection"].State);
    }

    [Fact]
    public void A_step_with_parallel_parts_starts_its_first_parts_while_open_and_ends_its_last_with_the_step()
    {
        var open = TimelineProgress.Read(HighVoltage, [new StepRound(Step.SchemeReply, 1, D(3, 4), null)], Start, Start + 3).Activities;
        var done = TimelineProgress.Read(HighVoltage, [new StepRound(Step.SchemeReply, 1, D(3, 4), D(3, 18))], Start, Start + 12);

        Assert.Equal(["scheme-drafting"], open.Keys.Where(k => k.StartsWith("scheme") || k.StartsWith("review") || k.StartsWith("dispatch")));
        Assert.Equal(ActivityState.InProgress, open["scheme-drafting"].State);
        Assert.Equal(12, done.Activities["scheme-reply"].FinishIndex - Start);
        Assert.All(new[] { "review-operations", "review-dispatch", "review-metering", "scheme-meeting" },
            id => Assert.True(done.Activities[id].FinishIndex <= done.Activities["scheme-reply"].FinishIndex));
        Assert.Contains("review-dispatch", done.Inferred);
    }

    [Fact]
    public void A_connected_application_becomes_history_with_every_activity()
    {
        var low = ApplicationNetworks.For(CustomerClass.LowVoltageNonResidentialNoExternalWorks, ApplicationKind.NewConnection);
        StepRound[] rounds =
        [
            new(Step.Acceptance, 1, D(3, 2), D(3, 3)),
            new(Step.SiteSurvey, 1, D(3, 3), D(3, 4)),
            new(Step.SchemeReply, 1, D(3, 4), D(3, 5)),
            new(Step.SchemeConfirmation, 1, D(3, 5), D(3, 6)),
            new(Step.CompletionReport, 1, D(3, 6), D(3, 16)),
            new(Step.CompletionAcceptance, 1, D(3, 16), D(3, 17)),
            new(Step.SupplyContract, 1, D(3, 6), D(3, 9)),
            new(Step.PowerConnection, 1, D(3, 17), D(3, 18)),
        ];

        var live = TimelineProgress.Read(low, rounds, Start, Start + 20);
        var history = TimelineProgress.ToHistory("YK1", low, live);

        Assert.NotNull(history);
        Assert.Equal(12, history.TotalDays);
        Assert.Equal(low.Network.Count, history.Activities.Count);
        Assert.Null(TimelineProgress.ToHistory("YK2", low, TimelineProgress.Read(low, rounds[..5], Start, Start + 20)));
    }
}
