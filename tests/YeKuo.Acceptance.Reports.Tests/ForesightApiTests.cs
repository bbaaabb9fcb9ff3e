using System.Net;
using System.Net.Http.Json;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Foresight;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>What-if replay, bottlenecks and the Getting Electricity report through the API (platform and admins only).</summary>
public sealed class ForesightApiTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    [Fact]
    public async Task A_fortnightly_meeting_replayed_over_the_generated_history_makes_applications_later_and_the_scheme_reply_less_often_on_time()
    {
        var response = await app.ClientAs("platform-ops").PostAsJsonAsync("/api/reports/what-if",
            new WhatIfRequest(Source: "generated", GeneratedApplications: 600, MeetingEveryWeeks: 2));

        var report = (await response.Content.ReadFromJsonAsync<WhatIfReport>(AcceptanceApp.Json))!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("generated", 600), (report.Source, report.Summary.Applications));
        Assert.Contains("every 2 weeks", report.Scenario);
        Assert.True(report.Summary.MeanDaysToPowerOn.Change > 1, $"{report.Summary.MeanDaysToPowerOn}");
        var scheme = report.Steps.Single(s => s.Step == nameof(Step.SchemeReply));
        Assert.True(scheme.OnTimeRate.Change < 0 && scheme.MeanDays.Change > 1, $"{scheme}");
        Assert.NotEmpty(report.DepartmentMonths);
        Assert.NotEmpty(report.SlowestHandoffs);
    }

    [Fact]
    public async Task One_more_reviewer_day_and_a_longer_limit_come_back_as_csv_with_baseline_and_scenario_side_by_side()
    {
        var response = await app.ClientAs("admin-ops").PostAsJsonAsync("/api/reports/what-if?format=csv",
            new WhatIfRequest(Source: "generated", GeneratedApplications: 600, ExtraReviewerDays: 1, Limits: new() { ["SchemeReply"] = 20 }));

        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("section,key,month,count,baseline,scenario,change", csv);
        Assert.Contains("\nstep,SchemeReply mean_days", csv);
        Assert.Contains("\nhandoff,", csv);
    }

    [Fact]
    public async Task A_bad_scenario_is_answered_with_each_field_in_a_problem()
    {
        var response = await app.ClientAs("platform-ops").PostAsJsonAsync("/api/reports/what-if", new WhatIfRequest(
            Source: "elsewhere", PolicyVersion: "NO-SUCH", Limits: new() { ["Nope"] = 3, ["DesignReview"] = 0, ["DesignSubmission"] = 5 },
            WarningThresholds: [0.8, 0.5], MeetingWeekday: "Sunday", ExtraReviewerDays: 9));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
        Assert.Equal(
            ["extraReviewerDays", "limits.DesignReview", "limits.DesignSubmission", "limits.Nope", "meetingWeekday", "policyVersion", "source", "warningThresholds"],
            problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Customers_and_staff_cannot_replay_history()
    {
        var customer = await app.ClientAs("cust-1").PostAsJsonAsync("/api/reports/what-if", new WhatIfRequest(Source: "generated"));
        var staff = await app.ClientAs("staff-acceptance").GetAsync("/api/reports/bottlenecks");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (customer.StatusCode, staff.StatusCode));
    }

    [Fact]
    public async Task The_bottlenecks_of_a_month_name_the_three_costliest_activities_and_handoffs_and_whether_they_were_critical()
    {
        var view = await app.ClientAs("platform-ops").GetFromJsonAsync<BottleneckView>("/api/reports/bottlenecks?month=2025-12&source=generated", AcceptanceApp.Json);

        Assert.Equal(("2025-12", "generated"), (view!.Month, view.Source));
        Assert.Equal(3, view.Report.Activities.Count);
        Assert.Equal(3, view.Report.Handoffs.Count);
        Assert.True(view.Report.Activities[0].DaysLost >= view.Report.Activities[1].DaysLost);
        Assert.All(view.Report.Activities.Concat(view.Report.Handoffs), e => Assert.InRange(e.CriticalShare, 0, 1));
    }

    [Fact]
    public async Task A_bad_month_is_a_problem()
    {
        var response = await app.ClientAs("platform-ops").GetAsync("/api/reports/bottlenecks?month=2025-13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Getting_electricity_counts_the_procedures_calendar_days_and_paid_cost_of_standard_high_voltage_connections()
    {
        // A 高压单电源 新装 from Mon 03-02 to power on Fri 03-20: 18 calendar days, 8 procedures with the utility.
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-ge", At(3, 2, 10));
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 2, 10), At(3, 2, 11), EndOf(3, 3)));
        await app.PublishAsync(j.Step(Step.SiteSurvey, At(3, 2, 11), At(3, 3, 10), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeReply, At(3, 3, 10), At(3, 4, 16), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeConfirmation, At(3, 4, 16), At(3, 5, 10), null));
        await app.PublishAsync(j.Step(Step.DesignSubmission, At(3, 5, 10), At(3, 6, 10), null));
        await app.PublishAsync(j.Step(Step.DesignReview, At(3, 6, 10), At(3, 9, 10), EndOf(3, 13)));
        await app.PublishAsync(j.Step(Step.IntermediateInspectionRequest, At(3, 9, 10), At(3, 10, 10), null));
        await app.PublishAsync(j.Step(Step.IntermediateInspection, At(3, 10, 10), At(3, 11, 10), EndOf(3, 13)));
        await app.PublishAsync(j.Step(Step.CompletionReport, At(3, 11, 10), At(3, 16, 10), null));
        await app.PublishAsync(j.Step(Step.CompletionAcceptance, At(3, 16, 10), At(3, 17, 10), EndOf(3, 19)));
        await app.PublishAsync(j.Step(Step.SupplyContract, At(3, 17, 10), At(3, 18, 10), EndOf(3, 20)));
        await app.PublishAsync(j.Step(Step.PowerConnection, At(3, 18, 10), At(3, 20, 10), EndOf(3, 23)));
        await app.PublishAsync(j.PowerConnected(At(3, 20, 10)));
        // The fees record: 计量装置费 7,500 assessed and paid.
        ChargeLine[] meters = [new("MeteringDevice", "计量装置费", ChargeBasis.PerMeter, 3, 2500m, 7500m, "the company's configuration", true)];
        await app.PublishAsync(new ChargesAssessed(j.ApplicationId, j.ApplicationNumber, j.CustomerId, j.CustomerClass, ApplicationKind.NewConnection,
            "YK-FEE-2024", 1, meters, 7500m, At(3, 17, 12)));
        await app.PublishAsync(new ChargesPaid(Guid.NewGuid(), j.ApplicationId, j.ApplicationNumber, j.CustomerId, 1, [new("MeteringDevice", 7500m)], 7500m,
            PaymentChannel.Online, j.CustomerId, 0m, At(3, 18, 9)));

        var client = app.ClientAs("platform-ops");
        var report = await client.GetFromJsonAsync<GettingElectricityReport>("/api/reports/getting-electricity?from=2026-03-01&to=2026-03-31", AcceptanceApp.Json);
        var csv = await client.GetStringAsync("/api/reports/getting-electricity?from=2026-03-01&to=2026-03-31&format=csv");

        var mine = Assert.Single(report!.Cases, c => c.Number == j.ApplicationNumber);
        Assert.Equal((8, 18, 7500m), (mine.Procedures, mine.CalendarDays, mine.Cost));
        Assert.True(report.Applications >= 1 && report.CalendarDays.Count == report.Applications);
        Assert.Equal((1, 7500.0), (report.Cost!.Count, report.Cost.Median));
        Assert.Equal([nameof(Step.Acceptance), nameof(Step.SiteSurvey)], report.ProcedureList.Take(2).Select(p => p.Step));
        Assert.Contains($"\ncase,{j.ApplicationNumber},8,18,2026-03-02,2026-03-20,7500", csv);
    }

    [Fact]
    public async Task Getting_electricity_never_makes_up_a_cost_that_is_not_recorded()
    {
        var report = await app.ClientAs("platform-ops").GetFromJsonAsync<GettingElectricityReport>("/api/reports/getting-electricity?from=2026-01-01&to=2026-01-31", AcceptanceApp.Json);

        Assert.Equal(0, report!.Applications);
        Assert.Null(report.Cost);
        Assert.Contains("not reported", report.CostNote);
    }

    [Fact]
    public async Task A_getting_electricity_period_that_ends_before_it_starts_is_a_problem()
    {
        var response = await app.ClientAs("platform-ops").GetAsync("/api/reports/getting-electricity?from=2026-03-31&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
