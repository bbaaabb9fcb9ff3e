using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Templates;
using static YeKuo.Schedule.Templates.ActivityIds;

namespace YeKuo.Schedule.History;

/// <summary>
/// Generates a realistic history of finished applications (for backtests, what-if tests and demos; never shown as
/// real data). How, per application:
/// <list type="bullet">
/// <item>Submission on a uniformly drawn working day between the settings' dates. Class mix: 高压单电源 35 %, 高压双电源
/// 10 %, 低压非居民 (外线) 20 %, 低压非居民无外线 15 %, 小微 三零 12 %, 居民 三零 8 %. Kind: 新装 55 %, 增容 25 %, 变更用电 12 %,
/// 临时用电 8 % (三零: 新装 80 %, 增容 20 %).</item>
/// <item>Company activities: log-normal work days around a median of 60 % of the planned duration (σ 0.35–0.45),
/// at least 1 day, so most steps meet their limits; 5 % of them have a late tail (× 1.8–3.5). 评审-调度 is the slow,
/// spread-out review (median 1.1, σ 0.7, 10 % tail). December and January run 30 % slower (year-end rush), and
/// 工程检查 25 % slower in July and August (the inspectors' leave).</item>
/// <item>Customer activities: long log-normal spans (高压 design median 22 WD, construction 18 + 25 WD, 低压 construction 12 WD;
/// 双电源 × 1.3), scaled by the kind (增容 0.7, 变更用电 0.5, 临时用电 0.45) and by one speed factor per customer (log-normal,
/// σ 0.35: a slow customer is slow at everything). 整改 loops: a design fails review 20 % of the time (revision median
/// 6 WD, then a re-review); a completion acceptance fails 30 % (高压) / 20 % (低压) of the time (整改 median 8 WD, a
/// re-check; a second failed round 25 % of the time adds 5 WD and another re-check).</item>
/// <item>Handoffs: a department picks work up the same day 75 % of the time, else after 1 + 0.7 days on average
/// (geometric); 竣工验收 → 装表接电 (工程检查 → 计量) is the slow handoff (same day 45 %, else after 1 + 1 days on average).</item>
/// <item>The 方案审查会 finishes only at a sitting of the calendar's meeting rule (weekly on Wednesday by default), so the
/// meeting waits come from the calendar, holidays included.</item>
/// </list>
/// The schedule of each application is the forward pass of its network with these durations and handoff waits.
/// </summary>
public static class HistoryGenerator
{
    private static readonly (CustomerClass Class, double Share)[] ClassMix =
    [
        (CustomerClass.HighVoltageSingleSource, 0.35),
        (CustomerClass.HighVoltageDualSource, 0.10),
        (CustomerClass.LowVoltageNonResidential, 0.20),
        (CustomerClass.LowVoltageNonResidentialNoExternalWorks, 0.15),
        (CustomerClass.SmallMicroBusiness, 0.12),
        (CustomerClass.Residential, 0.08),
    ];

    private static readonly (ApplicationKind Kind, double Share)[] KindMix =
    [
        (ApplicationKind.NewConnection, 0.55),
        (ApplicationKind.CapacityIncrease, 0.25),
        (ApplicationKind.ChangeOfUse, 0.12),
        (ApplicationKind.TemporarySupply, 0.08),
    ];

    public static ApplicationHistory Generate(HistoryGeneratorSettings settings, ScheduleCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Applications, 1);
        calendar ??= ScheduleCalendar.Default;
        var timeline = calendar.Timeline;
        var random = new Random(settings.Seed);
        var first = timeline.IndexOf(settings.FirstSubmission);
        var last = timeline.IndexOf(settings.LastSubmission);
        var applications = new List<HistoricalApplication>(settings.Applications);
        for (var n = 0; n < settings.Applications; n++)
        {
            var submitted = random.Next(first, last + 1);
            var customerClass = Pick(random, ClassMix);
            var kind = ApplicationNetworks.IsZeroService(customerClass)
                ? (random.NextDouble() < 0.8 ? ApplicationKind.NewConnection : ApplicationKind.CapacityIncrease)
                : Pick(random, KindMix);
            var network = ApplicationNetworks.For(customerClass, kind, calendar);
            applications.Add(Simulate($"GEN-{n + 1:D5}", network, submitted, random, calendar));
        }

        return new ApplicationHistory(timeline, applications.OrderBy(a => a.SubmittedIndex).ToArray())
        {
            Description = $"{settings.Applications} generated applications (seed {settings.Seed}), submitted {settings.FirstSubmission:yyyy-MM-dd}..{settings.LastSubmission:yyyy-MM-dd}, meeting {calendar.Meeting}",
        };
    }

    private static HistoricalApplication Simulate(string id, ApplicationNetwork app, int submitted, Random random, ScheduleCalendar calendar)
    {
        var network = app.Network;
        var hv = ApplicationNetworks.IsHighVoltage(app.Class);
        var dual = app.Class == CustomerClass.HighVoltageDualSource;
        var customerSpeed = Distributions.LogNormal(random, 1.0, 0.35);
        var kindFactor = app.Kind switch
        {
            ApplicationKind.CapacityIncrease => 0.7,
            ApplicationKind.ChangeOfUse => 0.5,
            ApplicationKind.TemporarySupply => 0.45,
            _ => 1.0,
        };
        var designFails = random.NextDouble() < 0.20;
        var completionFails = random.NextDouble() < (hv ? 0.30 : 0.20);
        var secondRound = completionFails && random.NextDouble() < 0.25;

        var count = network.Count;
        var finish = new int[count];
        var records = new ActivityRecord[count];
        for (var i = 0; i < count; i++)
        {
            var activity = network.Activities[i];
            var ready = submitted;
            var driver = (ActivityDefinition: (Network.ActivityDefinition?)null, Finish: int.MinValue);
            foreach (var p in network.PredecessorsOf(i))
            {
                if (finish[p] > driver.Finish) driver = (network.Activities[p], finish[p]);
                ready = Math.Max(ready, finish[p]);
            }

            var gap = driver.ActivityDefinition is null ? 0 : HandoffDays(random, driver.ActivityDefinition, activity);
            var start = ready + gap;
            var month = calendar.Timeline.DateOf(start).Month;
            var work = activity.IsCustomerTime
                ? CustomerDays(random, activity.Id, hv, dual, customerSpeed * kindFactor, designFails, completionFails, secondRound)
                : CompanyDays(random, activity, hv, dual, month, designFails, completionFails, secondRound);
            var end = start + work;
            if (network.FinishesAtMeeting(i)) end = calendar.NextSitting(end);
            finish[i] = end;
            records[i] = new ActivityRecord(activity.Id, ready, start, end, work);
        }

        return new HistoricalApplication(id, app.Class, app.Kind, submitted, records);
    }

    private static int HandoffDays(Random random, Network.ActivityDefinition from, Network.ActivityDefinition to)
    {
        if (to.IsCustomerTime || from.Owner == to.Owner) return 0;
        if (from.Id == Recheck && to.Id == PowerConnection)
            return random.NextDouble() < 0.45 ? 0 : 1 + Distributions.Geometric(random, 0.5);
        return random.NextDouble() < 0.75 ? 0 : 1 + Distributions.Geometric(random, 0.6);
    }

    private static int CompanyDays(Random random, Network.ActivityDefinition a, bool hv, bool dual, int month,
        bool designFails, bool completionFails, bool secondRound)
    {
        if (a.FinishesAtMeeting) return a.DurationWorkingDays; // the sitting itself; the wait comes from the calendar
        if (a.Id == DesignRereview && !designFails) return 0;
        if (a.Id == Recheck && !completionFails) return 0;

        var (median, sigma, tail) = a.Id switch
        {
            ReviewDispatch => (1.1, 0.7, 0.10),
            Recheck => (secondRound ? 2.0 : 1.0, 0.4, 0.05),
            DesignRereview => (1.2, 0.4, 0.05),
            GridWorks => (8.0, 0.5, 0.05),
            Acceptance => (0.9, 0.3, 0.03),
            _ => (Math.Max(1.0, a.DurationWorkingDays * 0.6), dual ? 0.45 : 0.35, 0.05),
        };
        if (month is 12 or 1) median *= 1.3;
        if (month is 7 or 8 && a.Owner == Department.Inspection) median *= 1.25;
        if (!hv && a.Id == PowerConnection) median = 1.0;
        var days = Distributions.LogNormal(random, median, sigma);
        if (random.NextDouble() < tail) days *= 1.8 + 1.7 * random.NextDouble();
        return Math.Max(1, (int)Math.Round(days));
    }

    private static int CustomerDays(Random random, string id, bool hv, bool dual, double speed,
        bool designFails, bool completionFails, bool secondRound)
    {
        var size = dual ? 1.3 : 1.0;
        double days = id switch
        {
            SchemeConfirmation => Distributions.LogNormal(random, hv ? 3 : 2, 0.7) * speed,
            CustomerDesign => Distributions.LogNormal(random, 22 * size, 0.5) * speed,
            ConstructionHiddenWorks => Distributions.LogNormal(random, 18 * size, 0.55) * speed,
            Construction => Distributions.LogNormal(random, hv ? 25 * size : 12, hv ? 0.55 : 0.6) * speed,
            DesignRevision => designFails ? Distributions.LogNormal(random, 6, 0.6) * speed : 0,
            Rectification => completionFails
                ? (Distributions.LogNormal(random, 8, 0.7) + (secondRound ? 5 : 0)) * speed
                : 0,
            Payment => Distributions.LogNormal(random, 4, 0.8) * speed,
            _ => 0, // 竣工报验 is a milestone: the customer's request
        };
        return (int)Math.Round(days);
    }

    private static T Pick<T>(Random random, (T Value, double Share)[] mix)
    {
        var u = random.NextDouble();
        foreach (var (value, share) in mix)
        {
            if ((u -= share) < 0) return value;
        }

        return mix[^1].Value;
    }
}
