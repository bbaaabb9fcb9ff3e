using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Reports;

public enum ReportGrouping
{
    None,
    Department,
    CustomerClass,
    Month,

    /// <summary>新装, 增容, 变更用电, 临时用电.</summary>
    Kind,
}

/// <param name="From">First business day (China time) of completions counted, inclusive.</param>
/// <param name="To">Last business day counted, inclusive.</param>
public sealed record ReportQuery(ReportGrouping GroupBy, DateOnly? From, DateOnly? To);

/// <summary>办理时长 and 按时办结率 of one step over the completed steps of a group.</summary>
public sealed record StepFigures(
    string Step, string StepName, string Department, int Count,
    double? AverageWorkingDays, int? MaxWorkingDays, double? AverageHours, double? MaxHours,
    int Judged, int OnTime, double? OnTimeRate);

/// <summary>
/// The whole application (办结: power connected): company time summed over its department steps, 按时办结 (every
/// judged step on time), 投诉率, the customer's own 满意度 and the 回访's scores (服务态度评分, speed, charges). Grouped by
/// department, an application counts once per department with that department's steps; its complaints count for the
/// department that owns them (投诉率 by department), its ratings and 回访 scores for every department that served it.
/// </summary>
public sealed record TotalFigures(
    int Applications,
    double? AverageWorkingDays, int? MaxWorkingDays, double? AverageHours, double? MaxHours,
    int Judged, int OnTime, double? OnTimeRate,
    int? Complaints, int? ApplicationsWithComplaints, double? ComplaintRate,
    int? Ratings, double? SatisfactionAverage,
    int? Visits = null, double? AttitudeAverage = null, double? SpeedAverage = null, double? ChargesAverage = null,
    int? ServiceErrors = null, int? ApplicationsWithErrors = null, double? ServiceErrorRate = null);

public sealed record ReportGroup(string Key, IReadOnlyList<StepFigures> Steps, TotalFigures Total);

public sealed record PerformanceReport(
    string GroupBy, string? From, string? To, DateTimeOffset GeneratedAt, IReadOnlyList<ReportGroup> Groups, string Method);

/// <summary>Service-level metrics (seeds 001, 003): 办理时长 per step and in total, 按时办结率, 投诉率, 满意度, 服务差错率.</summary>
public sealed class PerformanceReportBuilder(AcceptanceDbContext db, StepRecords records, ApplicationAssessor assessor, TimeProvider time)
{
    public const string Method =
        "Steps count in the business day (China time) they were completed, applications in the day power was connected. "
        + "Working days = working days from start to completion (start day excluded) less whole paused working days; hours = "
        + "elapsed hours less paused hours; re-check rounds fold into their step. Customer time (客户确认方案) is listed per step "
        + "but not judged and not part of the totals. A step is on time when every round finished by its due (pauses added back); "
        + "an application by its policy version's assessment: every judged node on time (high voltage), or the span 受理 → 装表接电 "
        + "within its limit, the customer's time taken out (low voltage); by department, the department's judged steps. "
        + "Complaint rate = applications with a complaint / applications; by department, applications with a complaint the department "
        + "owns / applications it served. 服务态度评分 = average attitude score of the 回访 recorded by customer service (1–5); by "
        + "department, over the applications it served. 服务差错率 (seed 001, 服务质量) = applications with a 服务差错 / applications; a 差错 "
        + "is the company's own handling found wrong: a replied 供电方案 the customer sent back for revision (客户确认方案 not confirmed: "
        + "the reply is redone; SupplyScheme's), or a complaint of a rule broken — 收费 (乱收费, seed 004) or 违反三不指定 (seed 002) — "
        + "(the owning department's). Not counted: a failed inspection (the customer's works, 整改 is customer time), lateness "
        + "(按时办结率) and other complaints (投诉率). By department, the department's own 差错 over the applications it served.";

    /// <summary>Complaint categories that record a broken rule (a 服务差错), as Notification publishes them.</summary>
    public static readonly IReadOnlySet<string> RuleBreakingComplaints = new HashSet<string>(StringComparer.Ordinal) { "Charges", "DesignatedContractor" };

    public async Task<PerformanceReport> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.InProgress || a.Status == ApplicationStatus.PowerConnected || a.Status == ApplicationStatus.Withdrawn)
            .Where(a => a.AcceptedAt != null)
            .ToListAsync(cancellationToken);
        var timeline = (await db.Timeline.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(e => e.ApplicationId);
        var pauses = (await db.TimelinePauses.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(p => p.WorkItemId);
        var feedback = (await db.Feedback.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(f => f.ApplicationId);

        bool InRange(DateTimeOffset? at) =>
            at is { } t && ChinaTime.BusinessDate(t) is var day && (query.From is null || day >= query.From) && (query.To is null || day <= query.To);

        var folded = applications
            .Select(a => (Application: a, Steps: records.Fold(a, timeline[a.Id], pauses, now)))
            .ToArray();
        var assessments = folded.ToDictionary(x => x.Application.Id, x => assessor.Assess(x.Application, x.Steps));

        var steps = folded
            .SelectMany(x => x.Steps.Where(s => InRange(s.CompletedAt)).Select(s => (x.Application, Step: s)))
            .Select(x => (Key: KeyOf(query.GroupBy, x.Application, x.Step.Department.ToString(), x.Step.CompletedAt!.Value), x.Application, x.Step))
            .ToArray();

        var completed = folded.Where(x => x.Application.Status == ApplicationStatus.PowerConnected && InRange(x.Application.ClosedAt)).ToArray();
        var units = query.GroupBy == ReportGrouping.Department
            ? completed.SelectMany(x => x.Steps.Where(s => !s.CustomerTime).GroupBy(s => s.Department.ToString())
                .Select(d => (Key: d.Key, x.Application, Steps: (IReadOnlyList<StepRecord>)d.ToArray())))
            : completed.Select(x => (Key: KeyOf(query.GroupBy, x.Application, "", x.Application.ClosedAt!.Value), x.Application, Steps: (IReadOnlyList<StepRecord>)x.Steps.Where(s => !s.CustomerTime).ToArray()));
        var unitsByKey = units.ToLookup(u => u.Key);

        var keys = steps.Select(s => s.Key).Concat(unitsByKey.Select(g => g.Key)).Distinct().Order(StringComparer.Ordinal);
        var groups = keys.Select(key => new ReportGroup(
                key,
                steps.Where(s => s.Key == key).GroupBy(s => s.Step.Step).OrderBy(g => g.Key).Select(g => StepFiguresOf(g.Select(x => x.Step).ToArray())).ToArray(),
                TotalOf(unitsByKey[key].Select(u => (u.Application, u.Steps)).ToArray(), query.GroupBy != ReportGrouping.Department,
                    query.GroupBy == ReportGrouping.Department ? key : null, feedback, assessments, timeline)))
            .ToArray();

        return new PerformanceReport(
            query.GroupBy.ToString(), query.From?.ToString("yyyy-MM-dd"), query.To?.ToString("yyyy-MM-dd"), now, groups, Method);
    }

    internal static string KeyOf(ReportGrouping grouping, Application application, string department, DateTimeOffset completedAt) => grouping switch
    {
        ReportGrouping.Department => department,
        ReportGrouping.CustomerClass => application.CustomerClass.ToString(),
        ReportGrouping.Month => ChinaTime.BusinessDate(completedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ReportGrouping.Kind => application.Kind.ToString(),
        _ => "all",
    };

    private static StepFigures StepFiguresOf(IReadOnlyList<StepRecord> steps)
    {
        var first = steps[0];
        var days = steps.Where(s => s.WorkingDays is not null).Select(s => s.WorkingDays!.Value).ToArray();
        var hours = steps.Where(s => s.Hours is not null).Select(s => s.Hours!.Value).ToArray();
        var judged = steps.Count(s => s.Judged && s.OnTime is not null);
        var onTime = steps.Count(s => s.Judged && s.OnTime == true);
        return new StepFigures(
            first.Step.ToString(), StepCatalogue.Of(first.Step).ChineseName, first.Department.ToString(), steps.Count,
            Average(days.Select(d => (double)d)), days.Length == 0 ? null : days.Max(),
            Average(hours), hours.Length == 0 ? null : Math.Round(hours.Max(), 2),
            judged, onTime, Rate(onTime, judged));
    }

    /// <param name="department">Grouped by department: the department whose complaints count.</param>
    private static TotalFigures TotalOf(
        IReadOnlyList<(Application Application, IReadOnlyList<StepRecord> Steps)> units, bool wholeApplications, string? department,
        ILookup<Guid, CustomerFeedback> feedback,
        IReadOnlyDictionary<Guid, AssessmentView?> assessments,
        ILookup<Guid, TimelineEntry> timeline)
    {
        var days = units.Select(u => u.Steps.Sum(s => s.WorkingDays ?? 0)).ToArray();
        var hours = units.Select(u => u.Steps.Sum(s => s.Hours ?? 0)).ToArray();
        // A whole application is judged by its assessment; a department's share by its own judged steps.
        var judged = wholeApplications
            ? units.Where(u => assessments.GetValueOrDefault(u.Application.Id)?.OnTime is not null).ToArray()
            : units.Where(u => u.Steps.Any(s => s.Judged)).ToArray();
        var onTime = wholeApplications
            ? judged.Count(u => assessments[u.Application.Id]!.OnTime == true)
            : judged.Count(u => u.Steps.Where(s => s.Judged).All(s => s.OnTime == true));

        var said = units.Select(u => feedback[u.Application.Id].ToArray()).ToArray();
        bool Counts(CustomerFeedback f) => f.Kind == FeedbackKind.Complaint && (department is null || f.Department == department);
        var complaints = said.Sum(f => f.Count(Counts));
        var withComplaints = said.Count(f => f.Any(Counts));
        var scores = said.SelectMany(f => f.Where(x => x.Kind == FeedbackKind.Satisfaction && x.Score is not null).Select(x => (double)x.Score!.Value)).ToArray();
        var visits = said.SelectMany(f => f.Where(x => x.Kind == FeedbackKind.Visit && x.Score is not null)).ToArray();

        var errors = units.Select(u => ServiceErrorsOf(u.Application.Id, department, feedback, timeline)).ToArray();

        return new TotalFigures(
            units.Count, Average(days.Select(d => (double)d)), days.Length == 0 ? null : days.Max(),
            Average(hours), hours.Length == 0 ? null : Math.Round(hours.Max(), 2),
            judged.Length, onTime, Rate(onTime, judged.Length),
            complaints, withComplaints, Rate(withComplaints, units.Count), scores.Length, Average(scores),
            visits.Length, Average(visits.Select(v => (double)v.Score!.Value)),
            Average(visits.Where(v => v.SpeedScore is not null).Select(v => (double)v.SpeedScore!.Value)),
            Average(visits.Where(v => v.ChargesScore is not null).Select(v => (double)v.ChargesScore!.Value)),
            errors.Sum(), errors.Count(e => e > 0), Rate(errors.Count(e => e > 0), units.Count));
    }

    /// <summary>The 服务差错 of one application (see <see cref="Method"/>); by department, only that department's.</summary>
    private static int ServiceErrorsOf(Guid applicationId, string? department, ILookup<Guid, CustomerFeedback> feedback, ILookup<Guid, TimelineEntry> timeline)
    {
        var schemesSentBack = department is null || department == nameof(Department.SupplyScheme)
            ? timeline[applicationId].Count(e => e.Outcome is SchemeConfirmationOutcome { Confirmed: false })
            : 0;
        var ruleBroken = feedback[applicationId].Count(f => f.Kind == FeedbackKind.Complaint && f.Category is { } category
            && RuleBreakingComplaints.Contains(category) && (department is null || f.Department == department));
        return schemesSentBack + ruleBroken;
    }

    private static double? Average(IEnumerable<double> values)
    {
        var array = values.ToArray();
        return array.Length == 0 ? null : Math.Round(array.Average(), 2);
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>One row per group and step plus a 合计 row per group; UTF-8 with BOM so Excel reads the Chinese names.</summary>
    public static byte[] ToCsv(PerformanceReport report)
    {
        var csv = new StringBuilder();
        csv.Append("group,step,stepName,department,count,avgWorkingDays,maxWorkingDays,avgHours,maxHours,judged,onTime,onTimeRate,complaints,complaintRate,ratings,satisfactionAverage,visits,attitudeAverage,speedAverage,chargesAverage,serviceErrors,serviceErrorRate\r\n");
        foreach (var group in report.Groups)
        {
            foreach (var s in group.Steps)
            {
                Row(csv, group.Key, s.Step, s.StepName, s.Department, s.Count, s.AverageWorkingDays, s.MaxWorkingDays, s.AverageHours, s.MaxHours,
                    s.Judged, s.OnTime, s.OnTimeRate, null, null, null, null, null, null, null, null, null, null);
            }
            var t = group.Total;
            Row(csv, group.Key, "Total", "合计", report.GroupBy == nameof(ReportGrouping.Department) ? group.Key : "", t.Applications,
                t.AverageWorkingDays, t.MaxWorkingDays, t.AverageHours, t.MaxHours, t.Judged, t.OnTime, t.OnTimeRate,
                t.Complaints, t.ComplaintRate, t.Ratings, t.SatisfactionAverage, t.Visits, t.AttitudeAverage, t.SpeedAverage, t.ChargesAverage,
                t.ServiceErrors, t.ServiceErrorRate);
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. preamble, .. body];
    }

    internal static void Row(StringBuilder csv, params object?[] fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
