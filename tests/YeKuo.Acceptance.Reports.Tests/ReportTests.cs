using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using YeKuo.Acceptance.Reports;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// Three finished applications with known durations (China time):
/// A 居民 (March): 受理 4 h / 0 WD, 勘查 24 h / 1 WD, 装表接电 22 h / 1 WD, on time; satisfaction 5; a complaint to customer
///   service reassigned to SupplyScheme (the reassignment arriving first); 回访 attitude 5, speed 4, charges 5.
/// B 居民 (March): 受理 2 h, 勘查 24 h / 1 WD, 装表接电 72 h elapsed of which 24 h paused → 48 h / 2 WD, past its step's due
/// but on time: low voltage is judged as one span 受理 → 装表接电 (0 + 1 + 2 = 3 WD, the span's limit); a complaint owned by
///   Metering, satisfaction 2; 回访 attitude 2, speed 1, charges 4.
/// C 小微 (May, across the 调休 Saturday 05-09): 受理 1 h, 勘查 24 h / 1 WD, 装表接电 48 h / 1 WD, on time; satisfaction 4;
///   回访 attitude 4, speed 4, charges 3 (and one out of range, not counted).
/// </summary>
public sealed class ReportsApp : AcceptanceApp
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    public async Task SeedOnceAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }
            var a = await AcceptedAsync(CustomerClass.Residential, "cm-zhang", At(3, 2, 14));
            await PublishAsync(a.Step(Step.Acceptance, At(3, 2, 10), At(3, 2, 14), EndOf(3, 3)));
            await PublishAsync(a.Step(Step.SiteSurvey, At(3, 2, 14), At(3, 3, 14), EndOf(3, 4)));
            await PublishAsync(a.Step(Step.PowerConnection, At(3, 3, 14), At(3, 4, 12), EndOf(3, 4)));
            await PublishAsync(a.PowerConnected(At(3, 4, 12)), a.Rated(5, At(3, 6, 10)));
            var aComplaint = Guid.NewGuid();
            await PublishAsync(a.Reassigned(aComplaint, "SupplyScheme", At(3, 6, 11)));
            await PublishAsync(a.Complaint("ServiceAttitude", At(3, 6, 9), aComplaint, "Notification"), a.Visited(5, 4, 5, At(3, 9, 10)));

            var b = await AcceptedAsync(CustomerClass.Residential, "cm-li", At(3, 9, 12));
            await PublishAsync(b.Step(Step.Acceptance, At(3, 9, 10), At(3, 9, 12), EndOf(3, 10)));
            await PublishAsync(b.Step(Step.SiteSurvey, At(3, 9, 12), At(3, 10, 12), EndOf(3, 11)));
            await PublishAsync(
                b.Opened(Step.PowerConnection, At(3, 10, 12), EndOf(3, 11)),
                b.Paused(Step.PowerConnection, At(3, 10, 14), "联系不上客户"),
                b.Resumed(Step.PowerConnection, At(3, 10, 14), At(3, 11, 14), EndOf(3, 12)),
                b.Completed(Step.PowerConnection, At(3, 13, 12)));
            await PublishAsync(b.PowerConnected(At(3, 13, 12)), b.Complaint("Timeliness", At(3, 16, 10), Guid.NewGuid(), "Metering"), b.Rated(2, At(3, 16, 10)),
                b.Visited(2, 1, 4, At(3, 17, 10)));

            var c = await AcceptedAsync(CustomerClass.SmallMicroBusiness, "cm-wang", At(5, 8, 11));
            await PublishAsync(c.Step(Step.Acceptance, At(5, 8, 10), At(5, 8, 11), EndOf(5, 11)));
            await PublishAsync(c.Step(Step.SiteSurvey, At(5, 8, 11), At(5, 9, 11), EndOf(5, 11)));
            await PublishAsync(c.Step(Step.PowerConnection, At(5, 9, 11), At(5, 11, 11), EndOf(5, 11)));
            await PublishAsync(c.PowerConnected(At(5, 11, 11)), c.Rated(4, At(5, 12, 10)), c.Rated(9, At(5, 12, 11)),
                c.Visited(4, 4, 3, At(5, 13, 10)), c.Visited(6, 4, 3, At(5, 13, 11)));
            _seeded = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}

public sealed class ReportTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    private async Task<PerformanceReport> ReportAsync(string query = "")
    {
        await app.SeedOnceAsync();
        return await app.GetJsonAsync<PerformanceReport>($"/api/reports/performance{query}");
    }

    private static string Figures(StepFigures s) =>
        $"{s.Step} n={s.Count} wd={s.AverageWorkingDays}/{s.MaxWorkingDays} h={s.AverageHours}/{s.MaxHours} onTime={s.OnTime}/{s.Judged}={s.OnTimeRate}";

    [Fact]
    public async Task Average_and_longest_duration_and_on_time_rate_per_step_in_working_days_and_hours()
    {
        var group = Assert.Single((await ReportAsync()).Groups);

        Assert.Equal("all", group.Key);
        Assert.Equal(
        [
            "Acceptance n=3 wd=0/0 h=2.33/4 onTime=0/0=",
            // Low voltage is judged as one span (the totals), never step by step.
            "SiteSurvey n=3 wd=1/1 h=24/24 onTime=0/0=",
            "PowerConnection n=3 wd=1.33/2 h=39.33/48 onTime=0/0=",
        ], group.Steps.Select(Figures));
    }

    [Fact]
    public async Task Totals_sum_the_company_time_per_application_with_on_time_complaint_and_satisfaction_rates()
    {
        var total = Assert.Single((await ReportAsync()).Groups).Total;

        Assert.Equal(3, total.Applications);
        Assert.Equal((2.33, 3), (total.AverageWorkingDays!.Value, total.MaxWorkingDays!.Value));
        Assert.Equal((65.67, 74.0), (total.AverageHours!.Value, total.MaxHours!.Value));
        // B's 装表接电 missed its step's due, but its span 受理 → 装表接电 took 3 WD, within the low-voltage limit of 3.
        Assert.Equal((3, 3, 1.0), (total.Judged, total.OnTime, total.OnTimeRate!.Value));
        Assert.Equal((2, 2, 0.6667), (total.Complaints!.Value, total.ApplicationsWithComplaints!.Value, total.ComplaintRate!.Value));
        // The out-of-range score 9 and 回访 attitude 6 are not counted.
        Assert.Equal((3, 3.67), (total.Ratings!.Value, total.SatisfactionAverage!.Value));
        Assert.Equal((3, 3.67, 3.0, 4.0), (total.Visits!.Value, total.AttitudeAverage!.Value, total.SpeedAverage!.Value, total.ChargesAverage!.Value));
    }

    [Fact]
    public async Task Grouped_by_customer_class_each_class_has_its_own_figures()
    {
        var report = await ReportAsync("?groupBy=customerClass");

        Assert.Equal(["Residential", "SmallMicroBusiness"], report.Groups.Select(g => g.Key));
        var residential = report.Groups[0];
        Assert.Equal("PowerConnection n=2 wd=1.5/2 h=35/48 onTime=0/0=", Figures(residential.Steps[2]));
        Assert.Equal((2, 2.5, 62.0, 1.0, 1.0, 3.5), (residential.Total.Applications, residential.Total.AverageWorkingDays!.Value,
            residential.Total.AverageHours!.Value, residential.Total.OnTimeRate!.Value, residential.Total.ComplaintRate!.Value,
            residential.Total.SatisfactionAverage!.Value));
        Assert.Equal((1, 2.0, 73.0, 1.0, 0.0, 4.0), (report.Groups[1].Total.Applications, report.Groups[1].Total.AverageWorkingDays!.Value,
            report.Groups[1].Total.AverageHours!.Value, report.Groups[1].Total.OnTimeRate!.Value, report.Groups[1].Total.ComplaintRate!.Value,
            report.Groups[1].Total.SatisfactionAverage!.Value));
        Assert.Equal((3.5, 4.0), (residential.Total.AttitudeAverage!.Value, report.Groups[1].Total.AttitudeAverage!.Value));
    }

    [Fact]
    public async Task Grouped_by_month_steps_and_applications_count_in_the_month_they_finished()
    {
        var report = await ReportAsync("?groupBy=month");

        Assert.Equal(["2026-03", "2026-05"], report.Groups.Select(g => g.Key));
        Assert.Equal((2, 1), (report.Groups[0].Total.Applications, report.Groups[1].Total.Applications));
        Assert.Equal("SiteSurvey n=1 wd=1/1 h=24/24 onTime=0/0=", Figures(report.Groups[1].Steps[1]));
    }

    [Fact]
    public async Task Grouped_by_department_low_voltage_steps_are_not_judged_against_a_department_and_each_counts_the_complaints_it_owns()
    {
        var report = await ReportAsync("?groupBy=department");

        Assert.Equal(["Acceptance", "Metering", "SupplyScheme"], report.Groups.Select(g => g.Key));
        var (acceptance, metering, scheme) = (report.Groups[0].Total, report.Groups[1].Total, report.Groups[2].Total);
        Assert.Equal((3, 1.33, 2), (metering.Applications, metering.AverageWorkingDays!.Value, metering.MaxWorkingDays!.Value));
        // Low voltage is judged as one span of the whole application: no department's share is judged on its own.
        Assert.Equal((0, (double?)null), (metering.Judged, metering.OnTimeRate));
        Assert.Null(scheme.OnTimeRate);
        // B's complaint is Metering's; A's went from customer service to SupplyScheme (the reassignment arrived first).
        Assert.Equal((1, 0.3333), (metering.Complaints!.Value, metering.ComplaintRate!.Value));
        Assert.Equal((1, 0.3333), (scheme.Complaints!.Value, scheme.ComplaintRate!.Value));
        Assert.Equal((0, 0.0), (acceptance.Complaints!.Value, acceptance.ComplaintRate!.Value));
        // 服务态度评分 of the applications each department served (all three here).
        Assert.Equal((3, 3.67), (metering.Visits!.Value, metering.AttitudeAverage!.Value));
    }

    [Fact]
    public async Task From_and_to_limit_the_report_to_completions_in_those_days()
    {
        var report = await ReportAsync("?from=2026-05-01&to=2026-05-31");

        var total = Assert.Single(report.Groups).Total;
        Assert.Equal((1, 73.0), (total.Applications, total.AverageHours!.Value));
        Assert.Equal(("2026-05-01", "2026-05-31"), (report.From, report.To));
    }

    [Fact]
    public async Task The_csv_export_is_utf8_with_a_bom_and_has_a_row_per_step_and_a_total_row()
    {
        await app.SeedOnceAsync();

        var response = await app.CreateClient().GetAsync("/api/reports/performance?groupBy=customerClass&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,step,stepName,department,count,avgWorkingDays,maxWorkingDays,avgHours,maxHours,judged,onTime,onTimeRate,complaints,complaintRate,ratings,satisfactionAverage,visits,attitudeAverage,speedAverage,chargesAverage,serviceErrors,serviceErrorRate", lines[0]);
        Assert.Equal(
        [
            "Residential,Acceptance,受理,Acceptance,2,0,0,3,4,0,0,,,,,,,,,,,",
            "Residential,SiteSurvey,现场勘查,SupplyScheme,2,1,1,24,24,0,0,,,,,,,,,,,",
            "Residential,PowerConnection,装表接电,Metering,2,1.5,2,35,48,0,0,,,,,,,,,,,",
            "Residential,Total,合计,,2,2.5,3,62,74,2,2,1,2,1,2,3.5,2,3.5,2.5,4.5,0,0",
        ], lines[1..5]);
        Assert.Equal("SmallMicroBusiness,Total,合计,,1,2,2,73,73,1,1,1,0,0,1,4,1,4,4,3,0,0", lines[^1]);
    }

    [Fact]
    public async Task Accept_text_csv_asks_for_the_csv_export()
    {
        await app.SeedOnceAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept", "text/csv");

        var response = await client.GetAsync("/api/reports/performance");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Theory]
    [InlineData("?groupBy=week", "groupBy")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2026-05-01&to=2026-04-01", "to")]
    [InlineData("?format=xlsx", "format")]
    public async Task An_invalid_query_parameter_is_a_bad_request_naming_it(string query, string field)
    {
        var response = await app.CreateClient().GetAsync($"/api/reports/performance{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ValidationProblemDetails>(await response.Content.ReadAsStringAsync(), AcceptanceApp.Json);
        Assert.Contains(field, problem!.Errors.Keys);
    }
}
