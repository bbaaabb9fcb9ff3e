using System.Text;
using YeKuo.Acceptance.Reports;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// 服务差错率 (seed 001) and the figures per 责任人. Two 居民 applications, both connected by staff-chu (Metering):
/// X (March): 勘查 by staff-zhou; 装表接电 warned at 50% and at 超时 (the overdue warning delivered twice); a 收费 complaint
///   owned by Metering (乱收费: a 服务差错).
/// Y (April): 勘查 by staff-zhou; a 服务态度 complaint (counted in 投诉率, not a 差错).
/// </summary>
public sealed class ServiceErrorAndResponsibleTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _seeded;

    private async Task SeedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }
            var x = await app.AcceptedAsync(CustomerClass.Residential, "cm-zhang", At(3, 2, 11));
            await app.PublishAsync(x.Opened(Step.Acceptance, At(3, 2, 10), EndOf(3, 3)), x.Completed(Step.Acceptance, At(3, 2, 11), by: "clerk-sun"));
            await app.PublishAsync(x.Opened(Step.SiteSurvey, At(3, 2, 11), EndOf(3, 3)), x.Completed(Step.SiteSurvey, At(3, 3, 11), by: "staff-zhou"));
            await app.PublishAsync(x.Opened(Step.PowerConnection, At(3, 3, 11), EndOf(3, 4), assignee: "staff-chu"));
            var half = new DeadlineWarningRaised(x.WorkItemOf(Step.PowerConnection), x.ApplicationId, x.ApplicationNumber, Step.PowerConnection,
                Department.Metering, "staff-chu", DeadlineLevel.HalfUsed, EndOf(3, 4), At(3, 4, 12));
            await app.PublishAsync(half, half with { Level = DeadlineLevel.Overdue, RaisedAt = EndOf(3, 4) }, half with { Level = DeadlineLevel.Overdue, RaisedAt = EndOf(3, 4) });
            await app.PublishAsync(x.Completed(Step.PowerConnection, At(3, 5, 10), by: "staff-chu"), x.PowerConnected(At(3, 5, 10)));
            await app.PublishAsync(x.Complaint("Charges", At(3, 6, 10), Guid.NewGuid(), "Metering"));

            var y = await app.AcceptedAsync(CustomerClass.Residential, "cm-li", At(4, 1, 11));
            await app.PublishAsync(y.Opened(Step.Acceptance, At(4, 1, 10), EndOf(4, 2)), y.Completed(Step.Acceptance, At(4, 1, 11), by: "clerk-sun"));
            await app.PublishAsync(y.Opened(Step.SiteSurvey, At(4, 1, 11), EndOf(4, 2)), y.Completed(Step.SiteSurvey, At(4, 2, 11), by: "staff-zhou"));
            await app.PublishAsync(y.Opened(Step.PowerConnection, At(4, 2, 11), EndOf(4, 3)), y.Completed(Step.PowerConnection, At(4, 3, 10), by: "staff-chu"));
            await app.PublishAsync(y.PowerConnected(At(4, 3, 10)), y.Complaint("ServiceAttitude", At(4, 7, 10), Guid.NewGuid(), "Metering"));
            _seeded = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    [Fact]
    public async Task A_rule_breaking_complaint_is_a_service_error_and_a_complaint_about_attitude_is_not()
    {
        await SeedAsync();

        var all = (await app.GetJsonAsync<PerformanceReport>("/api/reports/performance?from=2026-03-01&to=2026-04-30")).Groups.Single().Total;
        var byDepartment = await app.GetJsonAsync<PerformanceReport>("/api/reports/performance?groupBy=department&from=2026-03-01&to=2026-04-30");
        var byKind = await app.GetJsonAsync<PerformanceReport>("/api/reports/performance?groupBy=kind&from=2026-03-01&to=2026-04-30");

        Assert.Equal((2, 2, 1, 1, 0.5), (all.Applications, all.Complaints!.Value, all.ServiceErrors!.Value, all.ApplicationsWithErrors!.Value, all.ServiceErrorRate!.Value));
        var metering = byDepartment.Groups.Single(g => g.Key == "Metering").Total;
        Assert.Equal((1, 0.5), (metering.ServiceErrors!.Value, metering.ServiceErrorRate!.Value));
        Assert.Equal(0, byDepartment.Groups.Single(g => g.Key == "SupplyScheme").Total.ServiceErrors);
        Assert.Equal(["NewConnection"], byKind.Groups.Select(g => g.Key));
        Assert.Contains("服务差错率", byKind.Method);
    }

    [Fact]
    public async Task Figures_per_responsible_person_count_steps_applications_on_time_days_and_each_warning_once()
    {
        await SeedAsync();

        var report = await app.GetJsonAsync<ResponsibleReport>("/api/reports/responsible?groupBy=department&from=2026-03-01&to=2026-04-30");

        var chu = Assert.Single(report.Rows, r => r.Responsible == "staff-chu");
        Assert.Equal(("Metering", "Metering", 2, 2, 2, 1), (chu.Group, chu.Department, chu.Steps, chu.Applications, chu.Warnings, chu.OverdueWarnings));
        var zhou = Assert.Single(report.Rows, r => r.Responsible == "staff-zhou");
        Assert.Equal(("SupplyScheme", 2, 2, 0), (zhou.Department, zhou.Steps, zhou.Applications, zhou.Warnings));
        Assert.Equal(1, zhou.AverageWorkingDays);

        var byMonth = await app.GetJsonAsync<ResponsibleReport>("/api/reports/responsible?groupBy=month&from=2026-03-01&to=2026-04-30");
        Assert.Equal(["2026-03", "2026-04"], byMonth.Rows.Where(r => r.Responsible == "staff-chu").Select(r => r.Group));
        var byClass = await app.GetJsonAsync<ResponsibleReport>("/api/reports/responsible?groupBy=customerClass");
        Assert.Contains(byClass.Rows, r => r.Group == "Residential" && r.Responsible == "clerk-sun" && r.Steps >= 2);

        var csv = await app.CreateClient().GetAsync("/api/reports/responsible?groupBy=department&format=csv&from=2026-03-01&to=2026-04-30");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("group,responsible,department,steps,applications,judged,onTime,onTimeRate,avgWorkingDays,maxWorkingDays,warnings,overdueWarnings", text);
        Assert.Contains("Metering,staff-chu,Metering,2,2,", text);
    }
}
