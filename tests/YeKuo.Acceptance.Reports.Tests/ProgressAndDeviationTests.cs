using System.Net;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// A high-voltage single-source application (YK-TL-2024: 受理 1, 方案答复 10 incl. 现场勘查, 设计审查 5, 中间检查 3,
/// 竣工验收 3, 装表接电 3 incl. 合同) whose 设计审查 took 6 working days of company time (7 elapsed, one paused).
/// </summary>
public sealed class ProgressAndDeviationTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private async Task<Support.Journey> HighVoltageWithLateDesignReviewAsync()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-zhang", At(3, 3, 10));
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 2, 10), At(3, 3, 10), EndOf(3, 3)));
        await app.PublishAsync(j.Step(Step.SiteSurvey, At(3, 3, 10), At(3, 5, 10), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeReply, At(3, 5, 10), At(3, 17, 10), EndOf(3, 17)));
        await app.PublishAsync(j.Step(Step.SchemeConfirmation, At(3, 17, 10), At(3, 19, 10), null));
        await app.PublishAsync(j.Opened(Step.DesignReview, At(3, 23, 10), EndOf(3, 30)));
        await app.PublishAsync(j.Paused(Step.DesignReview, At(3, 24, 10), "客户补充设计资料"));
        await app.PublishAsync(j.Resumed(Step.DesignReview, At(3, 24, 10), At(3, 25, 10), EndOf(3, 31)));
        await app.PublishAsync(j.Completed(Step.DesignReview, At(4, 1, 10)));
        return j;
    }

    [Fact]
    public async Task The_timeline_shows_each_pause_with_its_reason_and_the_judged_steps_per_the_policy()
    {
        var j = await HighVoltageWithLateDesignReviewAsync();

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        var design = Assert.Single(details.Timeline, s => s.Step == "DesignReview");
        Assert.Equal(24, design.PausedHours);
        var pause = Assert.Single(design.Pauses);
        Assert.Equal("客户补充设计资料", pause.Reason);
        Assert.Equal(At(3, 24, 10), pause.PausedAt);
        Assert.Equal(At(3, 25, 10), pause.ResumedAt);
        Assert.Equal(EndOf(3, 31), design.DueAt);
        Assert.False(design.OnTime);
        Assert.Equal(
            ["Acceptance:False", "SiteSurvey:True", "SchemeReply:True", "SchemeConfirmation:False", "DesignReview:True"],
            details.Timeline.Select(s => $"{s.Step}:{s.Judged}"));
        Assert.True(Assert.Single(details.Timeline, s => s.Step == "SchemeReply").OnTime);
    }

    [Fact]
    public async Task Overlapping_pauses_of_a_step_are_taken_out_of_its_hours_once()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-zhang", At(3, 3, 10));
        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 3, 10), EndOf(3, 17)));
        // Two customer reasons at once: 10:00 → 10:00 next day and 16:00 → 10:00 next day; 24 hours of customer time, not 42.
        await app.PublishAsync(j.Paused(Step.SiteSurvey, At(3, 4, 10), "联系不上客户"));
        await app.PublishAsync(j.Paused(Step.SiteSurvey, At(3, 4, 16), "客户资料不全"));
        await app.PublishAsync(j.Resumed(Step.SiteSurvey, At(3, 4, 10), At(3, 5, 10), EndOf(3, 18)));
        await app.PublishAsync(j.Resumed(Step.SiteSurvey, At(3, 4, 16), At(3, 5, 10), EndOf(3, 18)));
        await app.PublishAsync(j.Completed(Step.SiteSurvey, At(3, 6, 10)));

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        var survey = Assert.Single(details.Timeline, s => s.Step == "SiteSurvey");
        Assert.Equal([24, 18], survey.Pauses.Select(p => p.Hours));
        Assert.Equal(24, survey.PausedHours);
        Assert.Equal(72 - 24, survey.Hours);
    }

    [Fact]
    public async Task One_late_judged_step_makes_the_whole_application_late()
    {
        var j = await HighVoltageWithLateDesignReviewAsync();

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal(Verdicts.Late, details.Verdict);
    }

    [Fact]
    public async Task An_application_whose_judged_steps_are_all_in_time_is_pending_until_power_is_connected()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-li", At(3, 2, 12));
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 2, 10), At(3, 2, 12), EndOf(3, 3)));
        await app.PublishAsync(j.Step(Step.SiteSurvey, At(3, 2, 12), At(3, 3, 12), EndOf(3, 4)));
        var pending = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        await app.PublishAsync(j.Step(Step.PowerConnection, At(3, 3, 12), At(3, 4, 12), EndOf(3, 4)));
        await app.PublishAsync(j.PowerConnected(At(3, 4, 12)));
        var done = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal(Verdicts.Pending, pending.Verdict);
        Assert.Equal(Verdicts.OnTime, done.Verdict);
    }

    [Fact]
    public async Task Customer_time_is_on_the_network_as_the_customers_activities_and_listed_as_their_waits()
    {
        var j = await HighVoltageWithLateDesignReviewAsync();

        var deviation = await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/deviation");

        var confirmation = Assert.Single(deviation.Steps, s => s.Steps.Contains("SchemeConfirmation"));
        Assert.Equal(("Customer", true, false), (confirmation.Department, confirmation.CustomerTime, confirmation.Judged));
        Assert.Equal(
            ["SchemeConfirmation 2", "SchemeReply->DesignReview 2"],
            deviation.CustomerWaits.Select(w => $"{w.What} {w.WorkingDays}"));
        Assert.Equal(At(3, 19, 10), deviation.CustomerWaits[1].From);
    }

    [Fact]
    public async Task Deviation_of_an_unknown_application_is_not_found()
    {
        var response = await app.CreateClient().GetAsync($"/api/applications/{Guid.NewGuid()}/deviation");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
