using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;
using YeKuo.Contracts.Events;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Inspection.Tests;

/// <summary>工程检查: 设计审查 → 中间检查 → 竣工验收, each passed, or failed with defects and re-checked in the next round.</summary>
public sealed class InspectionHandoffTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly DateTimeOffset Monday10 = InspectionApp.Monday10China;

    // 设计审查 5 WD from Mon 2026-03-02 → end of Mon 2026-03-09 China; 中间检查 3 WD → end of Thu 2026-03-05.
    private static readonly DateTimeOffset DesignReviewDue = new(2026, 3, 9, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset IntermediateDue = new(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);

    private static readonly object Passed = new { passed = true, remarks = "设计符合规范" };
    private static readonly object Failed = new { passed = false, defects = new[] { "未设计计量柜", "电缆截面不足" } };

    private async Task<(Handoffs Application, WorkItemDto Review)> OpenDesignReviewAsync()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        return (application, await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview"));
    }

    [Fact]
    public async Task The_customers_confirmation_of_an_HV_scheme_opens_design_review_due_in_5_working_days()
    {
        var (application, review) = await OpenDesignReviewAsync();

        var open = Assert.Single(await app.WorkItemsAsync(application.ApplicationId, status: "open"));
        Assert.Equal(review.Id, open.Id);
        Assert.Equal(("DesignReview", "Inspection", 1, "Open"), (open.Step, open.Department, open.Round, open.Status));
        Assert.Equal(5, open.LimitWorkingDays);
        Assert.Equal(DesignReviewDue, open.DueAt);
        await app.PublishedAsync<WorkItemOpened>(m => m.WorkItemId == review.Id && m.DueAt == DesignReviewDue);
    }

    [Fact]
    public async Task A_redelivered_or_copied_handoff_opens_one_work_item()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var handoff = application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10);
        var messageId = Guid.NewGuid();

        await app.PublishAsync(handoff, messageId);
        await app.PublishAsync(handoff, messageId);
        await app.PublishAsync(handoff with { });

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_passed_design_review_publishes_its_outcome_and_opens_the_intermediate_inspection()
    {
        var (application, review) = await OpenDesignReviewAsync();

        var response = await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Passed, user: "inspector-zhao"));

        Assert.Equal("Completed", (await InspectionApp.ReadWorkItemAsync(response)).Status);
        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == review.Id);
        Assert.Equal(Step.DesignReview, completed.Step);
        var outcome = Assert.IsType<InspectionOutcome>(completed.Outcome);
        Assert.True(outcome.Passed);
        Assert.Equal("设计符合规范", outcome.Remarks);
        Assert.Equal("inspector-zhao", completed.CompletedBy);

        var next = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "IntermediateInspection");
        Assert.Equal((1, 3), (next.Round, next.LimitWorkingDays));
        Assert.Equal(IntermediateDue, next.DueAt);
    }

    [Fact]
    public async Task A_failed_design_review_records_the_defects_and_reopens_the_review_in_round_2()
    {
        var (application, review) = await OpenDesignReviewAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Failed));

        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == review.Id);
        var outcome = Assert.IsType<InspectionOutcome>(completed.Outcome);
        Assert.False(outcome.Passed);
        Assert.Equal(["未设计计量柜", "电缆截面不足"], outcome.Defects);

        var recheck = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview" && w.Round == 2);
        Assert.Equal("Open", recheck.Status);
        // The re-check is a new round with its own clock, started when it opened (Tue 2026-03-03 → end of Tue 2026-03-10).
        Assert.Equal(Monday10.AddDays(1), recheck.OpenedAt);
        Assert.Equal(DesignReviewDue.AddDays(1), recheck.DueAt);

        var items = await app.WorkItemsAsync(application.ApplicationId);
        Assert.Equal(["DesignReview/1/Completed", "DesignReview/2/Open"], items.Select(w => $"{w.Step}/{w.Round}/{w.Status}").Order());
        Assert.DoesNotContain(items, w => w.Step == "IntermediateInspection");
    }

    [Fact]
    public async Task A_second_round_that_passes_moves_on_to_the_intermediate_inspection()
    {
        var (application, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Failed));
        var recheck = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview" && w.Round == 2);

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(recheck.Id, Passed));

        var next = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "IntermediateInspection");
        Assert.Equal(1, next.Round);
    }

    public static TheoryData<string, object> InvalidResults => new()
    {
        { "defects", new { passed = false } },
        { "defects", new { passed = false, defects = Array.Empty<string>() } },
        { "defects", new { passed = true, defects = new[] { "接地不良" } } },
        { "passed", new { defects = Array.Empty<string>() } },
        { "passed", new { passed = "yes" } },
    };

    [Theory]
    [MemberData(nameof(InvalidResults))]
    public async Task An_invalid_inspection_result_is_400_naming_the_field_and_changes_nothing(string field, object body)
    {
        var (application, review) = await OpenDesignReviewAsync();

        var errors = await InspectionApp.ValidationErrorsAsync(await app.CompleteAsync(review.Id, body));

        Assert.Contains(field, errors.Keys);
        var item = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal(("Open", review.Version), (item.Status, item.Version));
    }

    [Fact]
    public async Task In_the_low_voltage_plan_the_confirmed_scheme_goes_straight_to_completion_acceptance()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs(CustomerClass.LowVoltageNonResidential);

        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));

        var item = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal("CompletionAcceptance", item.Step);
        Assert.Equal(3, item.LimitWorkingDays);
    }

    [Fact]
    public async Task In_the_zero_service_plan_nothing_opens_in_inspection_after_the_survey()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs(CustomerClass.Residential);

        await app.PublishAsync(application.Completed(Step.SiteSurvey, Monday10.AddHours(-3), Monday10));

        Assert.Empty(await app.WorkItemsAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_withdrawal_cancels_open_inspections_and_a_later_handoff_opens_nothing()
    {
        var (application, review) = await OpenDesignReviewAsync();

        await app.PublishAsync(application.Withdrawn(Monday10.AddHours(1)));
        Assert.Equal("Cancelled", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);

        await app.PublishAsync(application.Completed(Step.DesignReview, Monday10, Monday10.AddHours(2), outcome: TestOutcomes.Passed));
        await app.PublishAsync(application.Completed(Step.DesignReview, Monday10, Monday10.AddHours(2), outcome: TestOutcomes.Failed("x"), workItemId: review.Id));

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Empty(await app.WorkItemsAsync(application.ApplicationId, status: "open"));
    }

    [Fact]
    public async Task Pausing_for_a_customer_reason_then_resuming_a_working_day_later_moves_the_due_date_a_working_day_later()
    {
        var (_, review) = await OpenDesignReviewAsync();

        var paused = await InspectionApp.ReadWorkItemAsync(await InspectionApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/inspection/work-items/{review.Id}/pause", new { reason = "客户补充设计图纸" }, user: "inspector-zhao")));
        Assert.Equal("Paused", paused.Status);
        Assert.Equal(("客户补充设计图纸", "inspector-zhao"), (paused.Pauses.Single().Reason, paused.Pauses.Single().PausedBy));

        app.Clock.Advance(TimeSpan.FromDays(1));
        var resumed = await InspectionApp.ReadWorkItemAsync(await InspectionApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/inspection/work-items/{review.Id}/resume", null)));

        Assert.Equal("Open", resumed.Status);
        Assert.Equal(DesignReviewDue.AddDays(1), resumed.DueAt);
        Assert.Equal(Monday10.AddDays(1), resumed.Pauses.Single().ResumedAt);
    }

    [Fact]
    public async Task A_pause_over_a_weekend_does_not_move_the_due_date_more_than_its_working_days()
    {
        // Paused Fri 2026-03-06 10:00 → resumed Mon 2026-03-09 10:00 China: one working day of pause (Fri 14 h + Mon 10 h).
        var (_, review) = await OpenDesignReviewAsync();
        app.Clock.Advance(TimeSpan.FromDays(4));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/pause", new { reason = "联系不上客户" }));
        app.Clock.Advance(TimeSpan.FromDays(3));

        var resumed = await InspectionApp.ReadWorkItemAsync(await InspectionApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/inspection/work-items/{review.Id}/resume", null)));

        Assert.Equal(DesignReviewDue.AddDays(1), resumed.DueAt);
    }

    [Theory]
    [InlineData("""{"reason": ""}""")]
    [InlineData("""{"reason": "   "}""")]
    [InlineData("""{}""")]
    public async Task Pausing_without_a_reason_is_400_and_leaves_the_item_running(string body)
    {
        var (application, review) = await OpenDesignReviewAsync();

        var response = await app.ClientAs("inspector-zhao").PostAsync($"/api/inspection/work-items/{review.Id}/pause",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Open", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);
    }

    [Fact]
    public async Task Completing_a_paused_item_is_a_conflict_until_it_is_resumed()
    {
        var (application, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/pause", new { reason = "客户补充设计图纸" }));

        var response = await app.CompleteAsync(review.Id, Passed);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("resume", await response.Content.ReadAsStringAsync());
        Assert.Equal("Paused", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);
        Assert.Empty(app.PublishedSoFar<StepCompleted>(m => m.WorkItemId == review.Id));

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/resume", null));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Passed));
    }

    [Fact]
    public async Task Resuming_an_item_that_is_not_paused_is_a_conflict()
    {
        var (_, review) = await OpenDesignReviewAsync();

        Assert.Equal(HttpStatusCode.Conflict, (await app.PostAsync($"/api/inspection/work-items/{review.Id}/resume", null)).StatusCode);
    }
}
