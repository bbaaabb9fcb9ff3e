using System.Net;
using System.Net.Http.Json;
using YeKuo.Acceptance.Foresight;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// A live application's schedule network through the API (Acceptance host, real SQLite): a 高压单电源 新装 submitted on
/// Mon 2026-03-02 (working day 0; the test clock is Wed 03-25 = day 17, no holiday between). 受理 day 0→1, 现场勘查 1→3,
/// 方案答复 3→7 (Wed 03-11, a sitting), the customer confirms 7→9 and designs 9→14 (5 days; planned 20), 设计审查 opens on
/// day 14 (Fri 03-20).
/// </summary>
public sealed class ScheduleNetworkTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private async Task<Journey> DesignReviewOpenAsync(string manager)
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, At(3, 2, 10));
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 2, 10), At(3, 3, 10), EndOf(3, 3)));
        await app.PublishAsync(j.Step(Step.SiteSurvey, At(3, 3, 10), At(3, 5, 10), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeReply, At(3, 5, 10), At(3, 11, 16), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeConfirmation, At(3, 11, 16), At(3, 13, 10), null));
        await app.PublishAsync(j.Step(Step.DesignSubmission, At(3, 13, 10), At(3, 20, 10), null));
        await app.PublishAsync(j.Opened(Step.DesignReview, At(3, 20, 10), EndOf(3, 27)));
        return j;
    }

    [Fact]
    public async Task A_live_application_has_parallel_branches_with_float_and_a_critical_path_through_what_is_left()
    {
        var j = await DesignReviewOpenAsync("cm-network");

        var network = await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network");

        var a = network.Steps.ToDictionary(s => s.Activity);
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 25)), (network.StartDate, network.StatusDate));
        // The reviews before the weekly 方案审查会 and the contract and payment beside the customer's construction have slack.
        Assert.All(new[] { "review-dispatch", "review-metering", "supply-contract", "payment" }, id => Assert.True(a[id].PlannedTotalFloat > 0, id));
        Assert.True(a["review-metering"].PlannedFreeFloat > 0);
        Assert.True(a["supply-contract"].TotalFloat > 0 && !a["supply-contract"].Critical);
        // Done activities keep their actual days; the customer designed in 5 working days instead of 20.
        Assert.Equal(("done", 0, 1), (a["acceptance"].State, a["acceptance"].EarliestStart, a["acceptance"].EarliestFinish));
        Assert.Equal((3, 7), (a["survey-operations"].EarliestFinish, a["scheme-reply"].EarliestFinish));
        Assert.Equal((20, 5, -15), (a["customer-design"].PlannedWorkingDays, a["customer-design"].ActualWorkingDays, a["customer-design"].Deviation));
        Assert.True(a["customer-design"].CustomerTime);
        Assert.Contains("提前 15 个工作日", a["customer-design"].Reading);
        Assert.True(a["review-dispatch"].Inferred, "the reviews inside 方案答复 are not recorded on their own");
        // 设计审查 is under way since day 14; it cannot finish before day 18 (the day after the status date) and is critical.
        Assert.Equal(("inProgress", 14, 18, true, 0), (a["design-review"].State, a["design-review"].EarliestStart, a["design-review"].EarliestFinish,
            a["design-review"].Critical, a["design-review"].TotalFloat));
        Assert.Equal("design-review", network.CriticalPath[0]);
        Assert.Equal("power-connection", network.CriticalPath[^1]);
        Assert.All(network.CriticalPath, id => Assert.Equal(0, a[id].TotalFloat));
        Assert.Equal(network.ForecastDurationWorkingDays - network.PlannedDurationWorkingDays, network.JobDelayWorkingDays);
        Assert.True(network.JobDelayWorkingDays < 0, "the customer's fast design brought the finish forward");
    }

    [Fact]
    public async Task Completing_the_design_review_late_re_plans_the_network_and_reads_the_delay_on_the_plan()
    {
        var j = await DesignReviewOpenAsync("cm-network");
        var before = await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network");

        // 设计审查 done this morning (day 17): 3 working days, as planned.
        await app.PublishAsync(j.Completed(Step.DesignReview, At(3, 25, 9)));
        var after = await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network");

        var review = after.Steps.Single(s => s.Activity == "design-review");
        Assert.Equal(("done", 3), (review.State, review.ActualWorkingDays));
        Assert.Equal(0, review.Deviation);
        Assert.False(review.Critical);
        Assert.DoesNotContain("design-review", after.CriticalPath);
        Assert.Contains("construction-hidden-works", after.CriticalPath);
        // The customer's construction waits on the customer's intermediate-inspection request: it starts today.
        var building = after.Steps.Single(s => s.Activity == "construction-hidden-works");
        Assert.Equal(17, building.EarliestStart);
        Assert.True(after.ReplannedFinish < before.ReplannedFinish, "the review finished a day before the re-plan's earliest finish");
    }

    [Fact]
    public async Task A_critical_activity_that_slips_delays_the_job_by_its_deviation_and_moves_its_successors()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-network", At(3, 2, 10));
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 2, 10), At(3, 3, 10), EndOf(3, 3)));
        await app.PublishAsync(j.Step(Step.SiteSurvey, At(3, 3, 10), At(3, 5, 10), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeReply, At(3, 5, 10), At(3, 11, 16), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeConfirmation, At(3, 11, 16), At(3, 13, 10), null));
        await app.PublishAsync(j.Step(Step.DesignSubmission, At(3, 13, 10), At(3, 16, 10), null));
        // 设计审查 from Mon 03-16 (day 10) to Tue 03-24 (day 16): 6 working days, planned 3.
        await app.PublishAsync(j.Step(Step.DesignReview, At(3, 16, 10), At(3, 24, 10), EndOf(3, 23)));

        var network = await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network");

        var review = network.Steps.Single(s => s.Activity == "design-review");
        Assert.Equal((3, 6, 3), (review.PlannedWorkingDays, review.ActualWorkingDays, review.Deviation));
        Assert.Equal((true, 3, true), (review.DelaysJob, review.JobDelayWorkingDays, review.MovesSuccessors));
        Assert.Contains(review.ShiftedSuccessors, s => s.Activity == "power-connection" && s.Shift == 3);
        Assert.Contains("关键工作拖延 3 个工作日", review.Reading);
        Assert.True(review.Judged);
    }

    [Fact]
    public async Task The_customer_the_customer_manager_and_the_platform_see_the_predicted_power_on_date()
    {
        var j = await DesignReviewOpenAsync("manager-forecast");

        var progress = await (await app.ClientAs(j.CustomerId).GetAsync($"/api/applications/{j.ApplicationId}/progress")).Content
            .ReadFromJsonAsync<CustomerProgress>(AcceptanceApp.Json);
        var worklist = await app.ClientAs("manager-forecast").GetFromJsonAsync<WorklistEntry[]>("/api/applications/managers/manager-forecast/worklist", AcceptanceApp.Json);
        var platform = await app.ClientAs("platform-ops").GetFromJsonAsync<OpenForecast[]>("/api/reports/power-on-forecasts", AcceptanceApp.Json);

        var forecast = progress!.Forecast!;
        Assert.True(forecast.P50 > new DateOnly(2026, 3, 25) && forecast.P50 <= forecast.P90, $"{forecast.P50} .. {forecast.P90}");
        Assert.True(forecast.P90WorkingDaysLeft >= forecast.P50WorkingDaysLeft && forecast.P50WorkingDaysLeft > 0);
        // No application is connected in this database yet: the forecast says it draws on the engine's priors.
        Assert.Equal("priors", forecast.Source);
        Assert.Contains("priors", forecast.Note);
        var managers = Assert.Single(worklist!, e => e.ApplicationId == j.ApplicationId).Forecast!;
        var platforms = Assert.Single(platform!, f => f.ApplicationId == j.ApplicationId).Forecast;
        Assert.Equal((forecast.P50, forecast.P90), (managers.P50, managers.P90));
        Assert.Equal((forecast.P50, forecast.P90), (platforms.P50, platforms.P90));
    }

    [Fact]
    public async Task The_forecast_moves_with_each_event()
    {
        var j = await DesignReviewOpenAsync("cm-network");
        var before = (await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network")).Forecast!;

        await app.PublishAsync(j.Completed(Step.DesignReview, At(3, 25, 9)));
        var after = (await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network")).Forecast!;

        Assert.NotEqual((before.P50, before.P90), (after.P50, after.P90));
    }

    [Fact]
    public async Task Only_the_platform_reads_the_open_forecasts()
    {
        var response = await app.ClientAs("cust-someone").GetAsync("/api/reports/power-on-forecasts");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
