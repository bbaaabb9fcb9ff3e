using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Inspection.Tests;

/// <summary>
/// 工程检查: 设计审查 → 中间检查 → 竣工验收, each opened by the customer's request (its clock from the request), passed, or
/// failed with defects, rectified on the customer's time and re-checked at the customer's re-check request.
/// </summary>
public sealed class InspectionHandoffTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly DateTimeOffset Monday10 = InspectionApp.Monday10China;

    // 设计审查 5 WD from Mon 2026-03-02 → end of Mon 2026-03-09 China; 中间检查 3 WD → end of Thu 2026-03-05.
    private static readonly DateTimeOffset DesignReviewDue = new(2026, 3, 9, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset IntermediateDue = new(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);

    private static readonly object Passed = new { passed = true, remarks = "设计符合规范" };
    private static readonly object DesignDocuments = new { contractor = "青海某电力设计院", documents = new[] { "施工图设计文件" } };
    private static readonly object Rectified = new { contractor = "青海某电力设计院", documents = new[] { "修改后的施工图" }, rectification = "已增设计量柜，电缆截面改为 240mm²" };
    private static readonly object Failed = new { passed = false, defects = new[] { "未设计计量柜", "电缆截面不足" } };

    /// <summary>The scheme confirmed three weeks ago; the customer submits the design documents on Mon 2026-03-02 10:00.</summary>
    private async Task<(Handoffs Application, WorkItemDto Review)> OpenDesignReviewAsync()
    {
        app.Clock.AdjustTime(Monday10.AddDays(-21));
        var application = new Handoffs();
        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-24), Monday10.AddDays(-21)));
        var submission = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignSubmission");
        app.Clock.AdjustTime(Monday10);
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(submission.Id, DesignDocuments, user: application.CustomerId));
        return (application, await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview"));
    }

    [Fact]
    public async Task The_confirmed_scheme_waits_for_the_customers_design_documents_with_no_clock()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();

        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));

        var waiting = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal(("DesignSubmission", "Customer", "InProgress", application.CustomerId), (waiting.Step, waiting.Department, waiting.Status, waiting.Assignee));
        Assert.Null(waiting.DueAt);
        Assert.Null(waiting.LimitWorkingDays);
    }

    [Fact]
    public async Task The_customers_design_documents_open_the_design_review_due_5_working_days_after_they_were_submitted()
    {
        var (application, review) = await OpenDesignReviewAsync();

        var open = Assert.Single(await app.WorkItemsAsync(application.ApplicationId, status: "open"));
        Assert.Equal(review.Id, open.Id);
        Assert.Equal(("DesignReview", "Inspection", 1, "Open"), (open.Step, open.Department, open.Round, open.Status));
        Assert.Equal(5, open.LimitWorkingDays);
        Assert.Equal(DesignReviewDue, open.DueAt);
        await app.OpeningAsync(m => m.WorkItemId == review.Id && m.DueAt == DesignReviewDue);
    }

    [Fact]
    public async Task A_redelivered_or_copied_handoff_opens_one_work_item()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var handoff = application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10);

        await app.PublishRedeliveredAndCopiedAsync(handoff);

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

        // Building to the hidden works is the customer's time: their request opens the 中间检查 and starts its clock.
        var request = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "IntermediateInspectionRequest");
        Assert.Null(request.DueAt);
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(request.Id, new { contractor = "青海某电力工程有限公司", documents = new[] { "电缆沟隐蔽工程" } }, user: application.CustomerId));
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

        // 整改 is the customer's time: the design documents are due again (round 2), no clock runs until the customer re-submits.
        var rectification = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignSubmission" && w.Round == 2);
        Assert.Equal(("InProgress", application.CustomerId), (rectification.Status, rectification.Assignee));
        Assert.Null(rectification.DueAt);
        var items = await app.WorkItemsAsync(application.ApplicationId);
        Assert.Equal(["DesignReview/1/Completed", "DesignSubmission/1/Completed", "DesignSubmission/2/InProgress"], items.Select(w => $"{w.Step}/{w.Round}/{w.Status}").Order());

        // A week later the customer re-submits: the re-check's clock starts then (Tue 2026-03-10 → end of Tue 2026-03-17).
        app.Clock.Advance(TimeSpan.FromDays(7));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(rectification.Id, Rectified, user: application.CustomerId));
        var recheck = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview" && w.Round == 2);
        Assert.Equal("Open", recheck.Status);
        Assert.Equal(Monday10.AddDays(8), recheck.OpenedAt);
        Assert.Equal(DesignReviewDue.AddDays(8), recheck.DueAt);
        Assert.DoesNotContain(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "IntermediateInspection");
    }

    [Fact]
    public async Task A_recheck_request_must_say_what_was_rectified()
    {
        var (application, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Failed));
        var rectification = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignSubmission" && w.Round == 2);

        var errors = await InspectionApp.ValidationErrorsAsync(await app.CompleteAsync(rectification.Id, DesignDocuments, user: application.CustomerId));

        Assert.Contains("rectification", errors.Keys);
    }

    [Theory]
    [InlineData("staff-1", HttpStatusCode.Forbidden)]
    [InlineData("clerk-counter", HttpStatusCode.OK)]
    [InlineData("cust-someone-else", HttpStatusCode.NotFound)]
    public async Task The_customers_request_is_made_by_the_customer_or_a_counter_clerk_for_them(string user, HttpStatusCode expected)
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        var submission = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignSubmission");

        var response = await app.CompleteAsync(submission.Id, DesignDocuments, user: user);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview");
        }
        else
        {
            // Refused: the request stays open with the customer and nothing was handed on.
            var items = await app.WorkItemsAsync(application.ApplicationId);
            Assert.Equal(["DesignSubmission/InProgress"], items.Select(w => $"{w.Step}/{w.Status}"));
        }
    }

    [Fact]
    public async Task A_second_round_that_passes_moves_on_to_the_intermediate_inspection()
    {
        var (application, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Failed));
        var rectification = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignSubmission" && w.Round == 2);
        app.Clock.Advance(TimeSpan.FromDays(2));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(rectification.Id, Rectified, user: application.CustomerId));
        var recheck = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview" && w.Round == 2);
        app.Clock.Advance(TimeSpan.FromHours(3));

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(recheck.Id, Passed));

        var next = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "IntermediateInspectionRequest");
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
        var item = Assert.Single(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "DesignReview");
        Assert.Equal(("Open", review.Version), (item.Status, item.Version));
    }

    [Fact]
    public async Task In_the_low_voltage_plan_the_confirmed_scheme_waits_for_the_customers_completion_report_then_completion_acceptance()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs(CustomerClass.LowVoltageNonResidential);

        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));

        var report = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal("CompletionReport", report.Step);
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(report.Id, new { contractor = "某电气安装公司", documents = new[] { "竣工报告" } }, user: "clerk-counter"));
        var item = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "CompletionAcceptance");
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
        Assert.Equal("Cancelled", Assert.Single(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "DesignReview").Status);

        await app.PublishAsync(application.Completed(Step.DesignReview, Monday10, Monday10.AddHours(2), outcome: TestOutcomes.Passed));
        await app.PublishAsync(application.Completed(Step.DesignReview, Monday10, Monday10.AddHours(2), outcome: TestOutcomes.Failed("x"), workItemId: review.Id));

        Assert.Equal(2, (await app.WorkItemsAsync(application.ApplicationId)).Length);
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
        Assert.Equal("Open", Assert.Single(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "DesignReview").Status);
    }

    [Fact]
    public async Task Completing_a_paused_item_is_a_conflict_until_it_is_resumed()
    {
        var (application, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/pause", new { reason = "客户补充设计图纸" }));

        var response = await app.CompleteAsync(review.Id, Passed);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("resume", await response.Content.ReadAsStringAsync());
        Assert.Equal("Paused", Assert.Single(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "DesignReview").Status);
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
