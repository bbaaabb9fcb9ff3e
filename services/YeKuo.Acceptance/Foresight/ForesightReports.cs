using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.Schedule.Bottlenecks;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.WhatIf;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Foresight;

/// <summary>An open application's predicted power-on day, for the platform's list.</summary>
public sealed record OpenForecast(Guid ApplicationId, string Number, string CustomerClass, string Kind, string? CustomerManager,
    DateOnly Submitted, PowerOnForecastView Forecast);

/// <summary>The platform's foresight: what-if replays, bottlenecks, the Getting Electricity report and every open forecast.</summary>
public sealed class ForesightReports(
    AcceptanceDbContext db, StoredHistory stored, PowerOnForecasts forecasts, ApplicationCosts costs, TimeLimitPolicyBook policies,
    IOptions<ForesightOptions> options, TimeProvider time)
{
    private static readonly ConcurrentDictionary<int, Lazy<ApplicationHistory>> Generated = new();

    public const string GettingElectricityMethod =
        "Standard connection: 高压单电源 新装 applications connected (装表接电 done) in the period. Procedures (World Bank: each dealing of the "
        + "customer with the utility): every completed round of a company step on the application's timeline (受理, 现场勘查, 方案答复, 设计审查, "
        + "中间检查, 竣工验收 and each re-check, 供用电合同, 装表接电); the customer's own requests belong to the inspection they ask for. "
        + "Calendar days: from the day the application was submitted to the day the power went on (China dates). "
        + "Cost: what the customer paid for the connection (paid − refunded) by Acceptance's fees record, over the applications with charges recorded.";

    public async Task<(ApplicationHistory History, string Source)> HistoryAsync(string? source, int? generatedApplications, CancellationToken cancellationToken)
    {
        if (source == WhatIfRequest.Generated)
        {
            var n = generatedApplications ?? 2000;
            var history = Generated.GetOrAdd(n, k => new Lazy<ApplicationHistory>(() =>
                HistoryGenerator.Generate(new HistoryGeneratorSettings(Applications: k, Seed: 20261205)) with
                {
                    Description = $"{k} generated applications (HistoryGenerator, seed 20261205; not real data)",
                })).Value;
            return (history, WhatIfRequest.Generated);
        }
        return (await stored.LoadAsync(options.Value.MaxStoredApplications, cancellationToken), WhatIfRequest.Stored);
    }

    public async Task<(WhatIfReport Report, WhatIfComparison Comparison)> WhatIfAsync(WhatIfRequest request, WhatIfScenario scenario, CancellationToken cancellationToken)
    {
        var (history, source) = await HistoryAsync(request.Source, request.GeneratedApplications, cancellationToken);
        var replayer = new HistoryReplayer(ScheduleCalendar.Default, policies);
        var comparison = new WhatIfComparison(
            replayer.Replay(history, WhatIfScenario.Baseline with { WarningThresholds = scenario.WarningThresholds is null ? null : WhatIfScenario.DefaultWarningThresholds }),
            replayer.Replay(history, scenario));
        return (WhatIfReport.From(source, string.IsNullOrEmpty(history.Description) ? $"{history.Applications.Count} applications" : history.Description, comparison), comparison);
    }

    /// <summary>The month before today's (China) month.</summary>
    public DateOnly LastMonth()
    {
        var today = ChinaTime.BusinessDate(time.GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    public async Task<(BottleneckReport Report, string Source, string History)> BottlenecksAsync(DateOnly month, string? source, CancellationToken cancellationToken)
    {
        var (history, used) = await HistoryAsync(source, null, cancellationToken);
        var report = new BottleneckAnalyzer(ScheduleCalendar.Default).Analyse(history, month, month.AddMonths(1));
        return (report, used, history.Description);
    }

    public async Task<IReadOnlyList<OpenForecast>> OpenForecastsAsync(int max, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InProgress)
            .OrderBy(a => a.SubmittedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToArray();
        var timeline = new List<TimelineEntry>();
        foreach (var chunk in ids.Chunk(500))
        {
            timeline.AddRange(await db.Timeline.AsNoTracking().Where(e => chunk.Contains(e.ApplicationId)).ToListAsync(cancellationToken));
        }
        var byApplication = timeline.ToLookup(e => e.ApplicationId);
        var (forecaster, basis) = await forecasts.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        return applications
            .Select(a => new OpenForecast(a.Id, a.Number, a.CustomerClass.ToString(), a.Kind.ToString(), a.CustomerManager,
                ChinaTime.BusinessDate(a.SubmittedAt), NetworkAnalyzer.Forecast(LiveNetwork.Read(a, byApplication[a.Id], now), forecaster, basis)))
            .OrderBy(f => f.Forecast.P90)
            .ThenBy(f => f.Number, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<GettingElectricityReport> GettingElectricityAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var candidates = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.PowerConnected && a.CustomerClass == CustomerClass.HighVoltageSingleSource
                && a.Kind == ApplicationKind.NewConnection)
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(a => a.Id).ToArray();
        var timeline = new List<TimelineEntry>();
        foreach (var chunk in ids.Chunk(500))
        {
            timeline.AddRange(await db.Timeline.AsNoTracking().Where(e => chunk.Contains(e.ApplicationId)).ToListAsync(cancellationToken));
        }
        var byApplication = timeline.ToLookup(e => e.ApplicationId);

        var charged = await costs.OfAsync(ids, cancellationToken);
        var cases = new List<GettingElectricityCase>();
        var procedureDays = new Dictionary<Step, List<double>>();
        foreach (var a in candidates)
        {
            var entries = byApplication[a.Id].ToArray();
            var powerOn = entries.Where(e => e.Step == Step.PowerConnection && e.CompletedAt is not null).Select(e => e.CompletedAt).Max() ?? a.ClosedAt;
            if (powerOn is null) continue;
            var day = ChinaTime.BusinessDate(powerOn.Value);
            if (day < from || day > to) continue;
            var procedures = entries.Where(e => e.CompletedAt is not null && !StepCatalogue.Of(e.Step).IsCustomerStep).ToArray();
            foreach (var p in procedures.Where(p => p.OpenedAt is not null))
            {
                if (!procedureDays.TryGetValue(p.Step, out var days)) procedureDays[p.Step] = days = [];
                days.Add(Math.Round((p.CompletedAt!.Value - p.OpenedAt!.Value).TotalDays, 1));
            }
            var submitted = ChinaTime.BusinessDate(a.SubmittedAt);
            var cost = charged[a.Id];
            cases.Add(new GettingElectricityCase(a.Number, a.CustomerClass.ToString(), a.Kind.ToString(), submitted, day, procedures.Length,
                day.DayNumber - submitted.DayNumber, cost.IsAssessed || cost.Paid > 0 ? cost.Net : null));
        }

        var withCost = cases.Where(c => c.Cost is not null).Select(c => (double)c.Cost!.Value).ToArray();
        var list = procedureDays
            .OrderBy(p => StepCatalogue.OrderOf(p.Key))
            .Select((p, i) => new GettingElectricityProcedure(i + 1, p.Key.ToString(), StepCatalogue.Of(p.Key).ChineseName, p.Value.Count,
                Distribution.Of(p.Value).Median))
            .ToArray();
        return new GettingElectricityReport(
            from, to, "高压单电源 新装 (standard high-voltage connection)", cases.Count,
            Distribution.Of(cases.Select(c => (double)c.Procedures).ToArray()),
            Distribution.Of(cases.Select(c => (double)c.CalendarDays).ToArray()),
            withCost.Length == 0 ? null : Distribution.Of(withCost),
            withCost.Length == 0
                ? "Cost is not reported: no charges are recorded for these applications, and the report never estimates one."
                : $"Cost (CNY): paid − refunded by the fees record, over the {withCost.Length} of {cases.Count} applications with charges recorded.",
            list,
            cases.OrderBy(c => c.PowerOn).ThenBy(c => c.Number, StringComparer.Ordinal).ToArray(),
            GettingElectricityMethod);
    }

    public static byte[] GettingElectricityCsv(GettingElectricityReport r)
    {
        var sb = new StringBuilder();
        sb.Append("section,key,count,mean,median,p10,p90,min,max\n");
        void Dist(string key, Distribution d) => sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"summary,{key},{d.Count},{d.Mean},{d.Median},{d.P10},{d.P90},{d.Min},{d.Max}\n"));
        Dist("procedures", r.Procedures);
        Dist("calendar_days", r.CalendarDays);
        if (r.Cost is { } cost) Dist("cost_cny", cost);
        else sb.Append("summary,cost_cny,,,,,,,\n");
        foreach (var p in r.ProcedureList)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"procedure,{p.Order} {p.Step},{p.Applications},,{p.MedianCalendarDays},,,,\n"));
        }
        sb.Append("case,number,procedures,calendar_days,submitted,power_on,cost_cny,,\n");
        foreach (var c in r.Cases)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"case,{c.Number},{c.Procedures},{c.CalendarDays},{c.Submitted:yyyy-MM-dd},{c.PowerOn:yyyy-MM-dd},{c.Cost},,\n"));
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] OpenForecastsCsv(IEnumerable<OpenForecast> rows)
    {
        var sb = new StringBuilder("number,customer_class,kind,customer_manager,submitted,p50,p90,planned,source\n");
        foreach (var f in rows)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{f.Number},{f.CustomerClass},{f.Kind},{f.CustomerManager},{f.Submitted:yyyy-MM-dd},{f.Forecast.P50:yyyy-MM-dd},{f.Forecast.P90:yyyy-MM-dd},{f.Forecast.Planned:yyyy-MM-dd},{f.Forecast.Source}\n"));
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] BottlenecksCsv(BottleneckReport r)
    {
        var sb = new StringBuilder("kind,key,name,from,to,applications_delayed,days_lost,mean_days_lost,critical_share,job_days_lost\n");
        foreach (var (kind, entries) in new[] { ("activity", r.Activities), ("handoff", r.Handoffs) })
        {
            foreach (var e in entries)
            {
                sb.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{kind},{e.Key},{e.Name.Replace(',', ' ')},{e.From},{e.To},{e.ApplicationsDelayed},{e.DaysLost},{e.MeanDaysLost:0.##},{e.CriticalShare:0.###},{e.JobDaysLost}\n"));
            }
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
