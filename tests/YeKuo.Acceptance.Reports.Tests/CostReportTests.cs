using System.Text;
using YeKuo.Acceptance.Reports;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// Three applications: A 高压双电源 (March) charged 215 000 and paid; B 高压单电源 (March) charged 2 500, unpaid; C 居民 (May,
/// 三零) charged nothing.
/// </summary>
public sealed class CostReportApp : AcceptanceApp
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _seeded;

    public async Task SeedOnceAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_seeded) return;
            var a = await AcceptedAsync(CustomerClass.HighVoltageDualSource, "cm-zhang", At(3, 2, 14));
            await PublishAsync(a.Step(Step.Acceptance, At(3, 2, 10), At(3, 2, 14), EndOf(3, 3)));
            await PublishAsync(Assessed(a, 215_000m, At(3, 10, 10)));
            await PublishAsync(new ChargesPaid(Guid.NewGuid(), a.ApplicationId, a.ApplicationNumber, a.CustomerId, 1,
                [new("HighReliabilitySupply", 215_000m)], 215_000m, PaymentChannel.Counter, "clerk-wu", 0m, At(3, 12, 10)));
            var b = await AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-li", At(3, 9, 12));
            await PublishAsync(b.Step(Step.Acceptance, At(3, 9, 10), At(3, 9, 12), EndOf(3, 10)));
            await PublishAsync(Assessed(b, 2_500m, At(3, 16, 10)));
            var c = await AcceptedAsync(CustomerClass.Residential, "cm-wang", At(5, 8, 11));
            await PublishAsync(c.Step(Step.Acceptance, At(5, 8, 10), At(5, 8, 11), EndOf(5, 11)));
            _seeded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ChargesAssessed Assessed(Journey j, decimal total, DateTimeOffset at) =>
        new(j.ApplicationId, j.ApplicationNumber, j.CustomerId, j.CustomerClass, ApplicationKind.NewConnection, "YK-FEE-2024", 1,
            [new ChargeLine("HighReliabilitySupply", "高可靠性供电费", ChargeBasis.PerKva, total / 210m, 210m, total, "the company's configuration", true)], total, at);
}

public sealed class CostReportTests(CostReportApp app) : IClassFixture<CostReportApp>
{
    private async Task<CostReport> ReportAsync(string query)
    {
        await app.SeedOnceAsync();
        return await app.GetJsonAsync<CostReport>($"/api/reports/costs{query}");
    }

    [Fact]
    public async Task Cost_per_application_by_customer_class_shows_the_charges_assessed_paid_and_the_zero_service_class_free()
    {
        var report = await ReportAsync("?groupBy=customerClass");

        var figures = report.Groups.ToDictionary(g => g.Key, g => (g.Applications, g.Assessed, g.Charged, g.AssessedTotal, g.PaidTotal, g.NetTotal, g.AverageNet));
        Assert.Equal((1, 1, 1, 215_000m, 215_000m, 215_000m, 215_000m), figures["HighVoltageDualSource"]);
        Assert.Equal((1, 1, 1, 2_500m, 0m, 0m, 0m), figures["HighVoltageSingleSource"]);
        Assert.Equal((1, 0, 0, 0m, 0m, 0m, 0m), figures["Residential"]);
        Assert.All(report.Groups, g => Assert.Equal((0, (decimal?)null), (g.CompanyCostRecorded, g.CompanyCostTotal)));
    }

    [Fact]
    public async Task By_month_and_by_kind_the_applications_count_where_they_were_accepted()
    {
        var byMonth = await ReportAsync("?groupBy=month");
        Assert.Equal([("2026-03", 2, 215_000m), ("2026-05", 1, 0m)], byMonth.Groups.Select(g => (g.Key, g.Applications, g.NetTotal)));
        var byKind = await ReportAsync("?groupBy=kind&from=2026-03-01&to=2026-03-31");
        var kind = Assert.Single(byKind.Groups);
        Assert.Equal(("NewConnection", 2, 217_500m, 107_500m), (kind.Key, kind.Applications, kind.AssessedTotal, kind.AverageNet));
        var byDepartment = await ReportAsync("?groupBy=department");
        Assert.Equal(3, Assert.Single(byDepartment.Groups, g => g.Key == "Acceptance").Applications);
    }

    [Fact]
    public async Task The_csv_export_has_a_row_per_group()
    {
        await app.SeedOnceAsync();
        var response = await app.CreateClient().GetAsync("/api/reports/costs?groupBy=customerClass&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("group,applications,assessed,charged,assessedTotal,paidTotal", lines[0]);
        Assert.Contains("HighVoltageDualSource,1,1,1,215000.00,215000.00,0.00,215000.00,215000.00,215000.00,0,", lines);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Only_the_platform_reads_the_cost_report() =>
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.ClientAs("cust-someone").GetAsync("/api/reports/costs")).StatusCode);
}
