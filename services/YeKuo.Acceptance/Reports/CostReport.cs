using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Reports;

/// <summary>
/// The cost per application of one group: the customer's charges by the tariff (assessed, paid, refunded; net = paid −
/// refunded) and the company's 业务办理成本 where recorded.
/// </summary>
/// <param name="Assessed">Applications whose charges are assessed (the scheme replied).</param>
/// <param name="Charged">Applications charged anything (三零 and kinds without an item: none).</param>
/// <param name="AverageNet">Net charges per application of the group (every application, 三零 included).</param>
/// <param name="CompanyCostRecorded">Applications with the company's 业务办理成本 recorded (none is recorded yet).</param>
public sealed record CostFigures(
    string Key, int Applications, int Assessed, int Charged, decimal AssessedTotal, decimal PaidTotal, decimal RefundedTotal,
    decimal NetTotal, decimal? AverageNet, decimal? MaxNet, int CompanyCostRecorded, decimal? CompanyCostTotal);

public sealed record CostReport(string GroupBy, string? From, string? To, DateTimeOffset GeneratedAt, IReadOnlyList<CostFigures> Groups, string Method);

/// <summary>Cost per application (seed 001: 成本; the customer's charges from the tariff), by department, class, kind or month.</summary>
public sealed class CostReportBuilder(AcceptanceDbContext db, ApplicationCosts costs, TimeProvider time)
{
    public const string Method =
        "Applications count in the business day (China time) they were accepted; withdrawn ones too (their refunds show). Charges are "
        + "the customer's, from the tariff: assessed = the latest assessment, paid and refunded as recorded, net = paid − refunded; "
        + "average and max net per application over every application of the group (三零 applications pay nothing). By department, "
        + "an application counts for every department that served it. The company's 业务办理成本 is not recorded by any service yet: "
        + "companyCostRecorded is 0 and companyCostTotal empty.";

    public async Task<CostReport> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var (grouping, from, to) = query;
        var applications = (await db.Applications.AsNoTracking().Where(a => a.AcceptedAt != null).ToListAsync(cancellationToken))
            .Where(a => ChinaTime.BusinessDate(a.AcceptedAt!.Value) is var day && (from is null || day >= from) && (to is null || day <= to))
            .ToArray();
        var ids = applications.Select(a => a.Id).ToArray();
        var byApplication = await costs.OfAsync(ids, cancellationToken);
        var departments = grouping == ReportGrouping.Department
            ? (await db.Timeline.AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).Select(e => new { e.ApplicationId, e.Department }).ToListAsync(cancellationToken))
                .Where(e => e.Department != Department.Customer).ToLookup(e => e.ApplicationId, e => e.Department.ToString())
            : null;

        IEnumerable<string> KeysOf(Application a) => grouping switch
        {
            ReportGrouping.Department => departments![a.Id].Distinct(),
            ReportGrouping.CustomerClass => [a.CustomerClass.ToString()],
            ReportGrouping.Kind => [a.Kind.ToString()],
            ReportGrouping.Month => [ChinaTime.BusinessDate(a.AcceptedAt!.Value).ToString("yyyy-MM", CultureInfo.InvariantCulture)],
            _ => ["all"],
        };

        var groups = applications
            .SelectMany(a => KeysOf(a).Select(key => (Key: key, Cost: byApplication[a.Id])))
            .GroupBy(x => x.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => FiguresOf(g.Key, g.Select(x => x.Cost).ToArray()))
            .ToArray();
        return new CostReport(grouping.ToString(), from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            time.GetUtcNow(), groups, Method);
    }

    private static CostFigures FiguresOf(string key, IReadOnlyList<ApplicationCost> costs) => new(
        key, costs.Count, costs.Count(c => c.IsAssessed), costs.Count(c => c.Assessed > 0),
        costs.Sum(c => c.Assessed), costs.Sum(c => c.Paid), costs.Sum(c => c.Refunded), costs.Sum(c => c.Net),
        costs.Count == 0 ? null : Math.Round(costs.Average(c => c.Net), 2), costs.Count == 0 ? null : costs.Max(c => c.Net),
        costs.Count(c => c.CompanyCost is not null), costs.Any(c => c.CompanyCost is not null) ? costs.Sum(c => c.CompanyCost ?? 0) : null);

    public static byte[] ToCsv(CostReport report)
    {
        var csv = new StringBuilder();
        csv.Append("group,applications,assessed,charged,assessedTotal,paidTotal,refundedTotal,netTotal,averageNet,maxNet,companyCostRecorded,companyCostTotal\r\n");
        foreach (var g in report.Groups)
        {
            csv.AppendJoin(',', new object?[]
            {
                g.Key, g.Applications, g.Assessed, g.Charged, g.AssessedTotal, g.PaidTotal, g.RefundedTotal, g.NetTotal, g.AverageNet, g.MaxNet,
                g.CompanyCostRecorded, g.CompanyCostTotal,
            }.Select(Field));
            csv.Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
