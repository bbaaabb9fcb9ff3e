using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Reports;

/// <summary>What one 责任人 did in one group (department, customer class, kind or month): steps handled, on time, days, warnings.</summary>
public sealed record ResponsibleFigures(
    string Group, string Responsible, string Department, int Steps, int Applications, int Judged, int OnTime, double? OnTimeRate,
    double? AverageWorkingDays, int? MaxWorkingDays, int Warnings, int OverdueWarnings);

public sealed record ResponsibleReport(
    string GroupBy, string? From, string? To, DateTimeOffset GeneratedAt, IReadOnlyList<ResponsibleFigures> Rows, string Method);

/// <summary>
/// Figures per 责任人 (seed 001 追溯, seed 003 明确负责人): every company step completed in the range counts for the person
/// who completed it (the last round's completer, else its assignee), with the 超时预警 raised on its work items.
/// </summary>
public sealed class ResponsibleReportBuilder(AcceptanceDbContext db, StepRecords records, TimeProvider time)
{
    /// <summary>The name a step without a known person is reported under.</summary>
    public const string Unassigned = "(未指派)";

    public const string Method =
        "One row per group and 责任人: the company's steps (customer time excluded) completed in the range (business day, China time), "
        + "counted for whoever completed the step's last round (else its assignee). Steps = steps handled, re-check rounds folded "
        + "into their step; applications = distinct applications; on time = judged steps whose every round finished by its due; "
        + "working days as in the performance report; warnings = 超时预警 raised on the step's work items (each level once), "
        + "overdue warnings = those at 超时. Grouped by the step's department, the application's customer class or kind, or the "
        + "month of completion.";

    public async Task<ResponsibleReport> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var applications = await db.Applications.AsNoTracking().Where(a => a.AcceptedAt != null).ToListAsync(cancellationToken);
        var timeline = (await db.Timeline.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(e => e.ApplicationId);
        var pauses = (await db.TimelinePauses.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(p => p.WorkItemId);
        var warnings = (await db.StepWarnings.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(w => w.WorkItemId);

        bool InRange(DateTimeOffset? at) =>
            at is { } t && ChinaTime.BusinessDate(t) is var day && (query.From is null || day >= query.From) && (query.To is null || day <= query.To);

        var handled = applications
            .SelectMany(a => records.Fold(a, timeline[a.Id], pauses, now)
                .Where(s => !s.CustomerTime && InRange(s.CompletedAt))
                .Select(s => (Application: a, Step: s, Person: ResponsibleOf(s))))
            .Select(x => (Key: PerformanceReportBuilder.KeyOf(query.GroupBy, x.Application, x.Step.Department.ToString(), x.Step.CompletedAt!.Value),
                x.Application, x.Step, x.Person))
            .ToArray();

        var rows = handled
            .GroupBy(x => (x.Key, x.Person, x.Step.Department))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Department).ThenBy(g => g.Key.Person, StringComparer.Ordinal)
            .Select(g =>
            {
                var steps = g.Select(x => x.Step).ToArray();
                var judged = steps.Count(s => s.Judged && s.OnTime is not null);
                var onTime = steps.Count(s => s.Judged && s.OnTime == true);
                var days = steps.Where(s => s.WorkingDays is not null).Select(s => s.WorkingDays!.Value).ToArray();
                var raised = steps.SelectMany(s => s.Rounds.SelectMany(r => warnings[r.WorkItemId])).ToArray();
                return new ResponsibleFigures(
                    g.Key.Key, g.Key.Person, g.Key.Department.ToString(), steps.Length, g.Select(x => x.Application.Id).Distinct().Count(),
                    judged, onTime, judged == 0 ? null : Math.Round((double)onTime / judged, 4),
                    days.Length == 0 ? null : Math.Round(days.Average(), 2), days.Length == 0 ? null : days.Max(),
                    raised.Length, raised.Count(w => w.Level == DeadlineLevel.Overdue));
            })
            .ToArray();
        return new ResponsibleReport(query.GroupBy.ToString(), query.From?.ToString("yyyy-MM-dd"), query.To?.ToString("yyyy-MM-dd"), now, rows, Method);
    }

    private static string ResponsibleOf(StepRecord step)
    {
        var last = step.Rounds[^1];
        return last.CompletedBy is { Length: > 0 } by ? by : last.Assignee is { Length: > 0 } assignee ? assignee : Unassigned;
    }

    /// <summary>One row per group and 责任人; UTF-8 with BOM so Excel reads the Chinese names.</summary>
    public static byte[] ToCsv(ResponsibleReport report)
    {
        var csv = new StringBuilder();
        csv.Append("group,responsible,department,steps,applications,judged,onTime,onTimeRate,avgWorkingDays,maxWorkingDays,warnings,overdueWarnings\r\n");
        foreach (var r in report.Rows)
        {
            PerformanceReportBuilder.Row(csv, r.Group, r.Responsible, r.Department, r.Steps, r.Applications, r.Judged, r.OnTime, r.OnTimeRate,
                r.AverageWorkingDays, r.MaxWorkingDays, r.Warnings, r.OverdueWarnings);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
