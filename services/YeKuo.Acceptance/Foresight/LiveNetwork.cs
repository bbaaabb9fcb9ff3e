using YeKuo.Acceptance.Domain;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Live;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Foresight;

/// <summary>An application's schedule network (its class and kind) with what its timeline says happened so far.</summary>
public sealed record LiveNetwork(Application Application, ApplicationNetwork Template, LiveProgress Progress)
{
    public ScheduleNetwork Network => Template.Network;

    public WorkingDayTimeline Timeline => Network.Calendar.Timeline;

    /// <summary>The application's plan from the day it was submitted, with the planned durations.</summary>
    public NetworkSchedule Plan() => Network.Plan(Progress.StartIndex);

    /// <summary>修改原业扩进度计划: the remaining work re-planned at the end of today with what actually happened.</summary>
    public NetworkSchedule Replan() => Network.Replan(Progress.StartIndex, Progress.StatusIndex, Progress.Activities);

    /// <summary>Reads the application's timeline (every step's rounds, the customer's included) at <paramref name="now"/>.</summary>
    public static LiveNetwork Read(Application application, IEnumerable<TimelineEntry> timeline, DateTimeOffset now, ScheduleCalendar? calendar = null)
    {
        var template = ApplicationNetworks.For(application.CustomerClass, application.Kind, calendar);
        var days = template.Network.Calendar.Timeline;
        var rounds = timeline.Select(e => new StepRound(
            e.Step, e.Round,
            e.OpenedAt is { } o ? ChinaTime.BusinessDate(o) : null,
            e.CompletedAt is { } c ? ChinaTime.BusinessDate(c) : null,
            e.Outcome?.MovesOn ?? true));
        var start = IndexOf(days, ChinaTime.BusinessDate(application.SubmittedAt));
        var status = Math.Max(start, IndexOf(days, ChinaTime.BusinessDate(application.ClosedAt is { } closed && !application.IsActive ? closed : now)));
        return new LiveNetwork(application, template, TimelineProgress.Read(template, rounds, start, status));
    }

    private static int IndexOf(WorkingDayTimeline timeline, DateOnly date) =>
        date < timeline.Epoch ? 0 : date > timeline.Last ? timeline.MaxIndex : timeline.IndexOf(date);
}
