using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.SupplyScheme.Apis;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Policies;

namespace YeKuo.SupplyScheme.Tests;

/// <summary>供电方案: 现场勘查 → 方案答复 → 客户确认, opened by the handoffs of the application's plan.</summary>
public sealed class SupplySchemeHandoffTests(SupplySchemeApp app) : IClassFixture<SupplySchemeApp>
{
    private static readonly DateTimeOffset Monday10 = SupplySchemeApp.Monday10China;

    // HV single source: the scheme-reply clock (10 WD) starts when the survey opens, Mon 2026-03-02 → end of Mon 2026-03-16 China.
    private static readonly DateTimeOffset SchemeClockDue = new(2026, 3, 16, 16, 0, 0, TimeSpan.Zero);

    private static readonly object ValidSurvey = new { findings = "用户红线内具备 10kV 接入条件，距城东线 T 接点 300 米", gridCapacityAvailable = true };

    private static readonly object ValidReply = new
    {
        voltageKv = 10, sourceCount = 1, capacityKva = 800, meteringMethod = "HighSupplyHighMetering", summary = "由 110kV 城东变 10kV 城东线 T 接",
    };

    private async Task<(Handoffs Application, WorkItemDto Survey)> OpenSurveyAsync(CustomerClass customerClass = CustomerClass.HighVoltageSingleSource)
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs(customerClass);
        await app.PublishAsync(application.Accepted(Monday10));
        await app.PublishAsync(application.Completed(Step.Acceptance, Monday10.AddHours(-2), Monday10));
        var survey = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SiteSurvey");
        return (application, survey);
    }

    private const string Drafter = "drafter-li";

    /// <summary>An HV reply needs its draft approved by every department and then by the weekly 方案审查会 (Wed 14:30 China).</summary>
    private async Task ApproveAtTheMeetingAsync(Guid schemeReplyId)
    {
        var draft = await SupplySchemeApp.ExpectAsync(HttpStatusCode.Created,
            app.PostAsync($"/api/supply-scheme/work-items/{schemeReplyId}/draft", ValidReply, Drafter));
        var reviewId = (await draft.Content.ReadFromJsonAsync<SchemeReviewDto>(SupplySchemeApp.Json))!.Id;
        foreach (var department in new[] { "operations", "dispatch", "metering", "marketing" })
        {
            await SupplySchemeApp.ExpectAsync(HttpStatusCode.OK,
                app.PostAsync($"/api/supply-scheme/reviews/{reviewId}/opinions", new { department, approve = true, comments = "同意" }, $"reviewer-{department}"));
        }
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 7, 0, 0, TimeSpan.Zero));
        await SupplySchemeApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/supply-scheme/reviews/{reviewId}/meeting-decision", new { approve = true, comments = "同意按此方案答复" }, "meeting-secretary"));
    }

    [Fact]
    public async Task Acceptance_of_an_HV_application_opens_the_site_survey_on_the_10_day_scheme_clock()
    {
        var (application, survey) = await OpenSurveyAsync();

        var open = Assert.Single(await app.WorkItemsAsync(application.ApplicationId, status: "open"));
        Assert.Equal(survey.Id, open.Id);
        Assert.Equal(("SiteSurvey", "SupplyScheme", 1, "Open"), (open.Step, open.Department, open.Round, open.Status));
        Assert.Equal(10, open.LimitWorkingDays);
        Assert.Equal(SchemeClockDue, open.DueAt);
        Assert.Equal(Monday10, open.OpenedAt);
        Assert.Null(open.Assignee);
        Assert.Equal(application.ApplicationNumber, open.ApplicationNumber);

        var opened = await app.PublishedAsync<WorkItemOpened>(m => m.WorkItemId == survey.Id);
        Assert.Equal((Step.SiteSurvey, Department.SupplyScheme, SchemeClockDue), (opened.Step, opened.Department, opened.DueAt));
    }

    [Fact]
    public async Task A_redelivered_handoff_with_the_same_message_id_opens_one_work_item()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var handoff = application.Completed(Step.Acceptance, Monday10.AddHours(-2), Monday10);
        var messageId = Guid.NewGuid();

        await app.PublishAsync(handoff, messageId);
        await app.PublishAsync(handoff, messageId);

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_copy_of_the_handoff_under_a_new_message_id_opens_one_work_item()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var handoff = application.Completed(Step.Acceptance, Monday10.AddHours(-2), Monday10);

        await app.PublishAsync(handoff);
        await app.PublishAsync(handoff with { });

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Single(app.PublishedSoFar<WorkItemOpened>(m => m.ApplicationId == application.ApplicationId));
    }

    [Fact]
    public async Task Completing_the_survey_publishes_its_findings_and_opens_the_scheme_reply_on_the_same_clock()
    {
        var (application, survey) = await OpenSurveyAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));

        var response = await app.CompleteAsync(survey.Id, ValidSurvey, user: "surveyor-li");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Completed", (await SupplySchemeApp.ReadWorkItemAsync(response)).Status);
        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == survey.Id);
        Assert.Equal(Step.SiteSurvey, completed.Step);
        Assert.Equal("surveyor-li", completed.CompletedBy);
        var findings = Assert.IsType<SiteSurveyOutcome>(completed.Outcome);
        Assert.True(findings.GridCapacityAvailable);
        Assert.StartsWith("用户红线内", findings.Findings);
        Assert.Equal(SchemeClockDue, completed.DueAt);

        var reply = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeReply");
        Assert.Equal(Monday10.AddDays(1), reply.OpenedAt);
        Assert.Equal(SchemeClockDue, reply.DueAt);
        Assert.Equal(10, reply.LimitWorkingDays);
    }

    [Fact]
    public async Task A_pause_during_the_survey_also_moves_the_scheme_reply_due_date()
    {
        var (application, survey) = await OpenSurveyAsync();

        await SupplySchemeApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/supply-scheme/work-items/{survey.Id}/pause", new { reason = "客户现场无人，约定次日勘查" }));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var resumed = await SupplySchemeApp.ReadWorkItemAsync(await app.PostAsync($"/api/supply-scheme/work-items/{survey.Id}/resume", null));
        Assert.Equal(SchemeClockDue.AddDays(1), resumed.DueAt);
        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(survey.Id, ValidSurvey)).StatusCode);

        var reply = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeReply");
        Assert.Equal(SchemeClockDue.AddDays(1), reply.DueAt);
    }

    [Fact]
    public async Task Replying_the_scheme_publishes_it_and_opens_the_customers_confirmation_without_a_due_date()
    {
        var (application, survey) = await OpenSurveyAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(survey.Id, ValidSurvey)).StatusCode);
        var reply = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeReply");
        await ApproveAtTheMeetingAsync(reply.Id);

        var response = await app.CompleteAsync(reply.Id, ValidReply, user: Drafter);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == reply.Id);
        var scheme = Assert.IsType<SchemeReplyOutcome>(completed.Outcome);
        Assert.Equal((10m, 1, 800m, MeteringMethod.HighSupplyHighMetering), (scheme.VoltageKv, scheme.SourceCount, scheme.CapacityKva, scheme.MeteringMethod));

        var confirmation = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeConfirmation");
        Assert.Equal("Customer", confirmation.Department);
        Assert.Equal(application.CustomerId, confirmation.Assignee);
        Assert.Equal("InProgress", confirmation.Status);
        Assert.Null(confirmation.DueAt);
        Assert.Null(confirmation.LimitWorkingDays);
    }

    [Fact]
    public async Task An_invalid_survey_result_is_400_naming_each_field_and_leaves_the_item_open()
    {
        var (application, survey) = await OpenSurveyAsync();

        var errors = await SupplySchemeApp.ValidationErrorsAsync(await app.CompleteAsync(survey.Id, new { findings = " " }));

        Assert.Contains("findings", errors.Keys);
        Assert.Contains("gridCapacityAvailable", errors.Keys);
        Assert.Equal("Open", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);
        Assert.Empty(app.PublishedSoFar<StepCompleted>(m => m.WorkItemId == survey.Id));
    }

    [Fact]
    public async Task An_invalid_scheme_reply_is_400_naming_each_field()
    {
        var (application, survey) = await OpenSurveyAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(survey.Id, ValidSurvey)).StatusCode);
        var reply = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeReply");

        var errors = await SupplySchemeApp.ValidationErrorsAsync(
            await app.CompleteAsync(reply.Id, new { voltageKv = 0, sourceCount = 2, capacityKva = -5, summary = "" }));

        Assert.Equal(["capacityKva", "meteringMethod", "sourceCount", "summary", "voltageKv"], errors.Keys.Order());
    }

    [Fact]
    public async Task An_unknown_metering_method_is_400_naming_the_field()
    {
        var (application, survey) = await OpenSurveyAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(survey.Id, ValidSurvey)).StatusCode);
        var reply = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeReply");

        var errors = await SupplySchemeApp.ValidationErrorsAsync(await app.CompleteAsync(reply.Id, new
        {
            voltageKv = 10, sourceCount = 1, capacityKva = 800, meteringMethod = "Guesswork", summary = "x",
        }));

        Assert.Contains("meteringMethod", errors.Keys);
    }

    [Fact]
    public async Task In_the_zero_service_plan_the_survey_opens_on_the_2_day_connection_clock_and_nothing_follows_here()
    {
        var (application, survey) = await OpenSurveyAsync(CustomerClass.Residential);
        Assert.Equal(2, survey.LimitWorkingDays);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero), survey.DueAt);

        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(survey.Id, ValidSurvey)).StatusCode);
        await app.PublishedAndConsumedAsync<StepCompleted>(m => m.WorkItemId == survey.Id);

        var items = await app.WorkItemsAsync(application.ApplicationId);
        Assert.Equal("SiteSurvey", Assert.Single(items).Step);
    }

    [Fact]
    public async Task A_withdrawal_cancels_open_work_and_a_later_handoff_opens_nothing()
    {
        var (application, survey) = await OpenSurveyAsync();

        await app.PublishAsync(application.Withdrawn(Monday10.AddHours(1)));

        var cancelled = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.Empty(await app.WorkItemsAsync(application.ApplicationId, status: "open"));

        await app.PublishAsync(application.Completed(Step.SiteSurvey, Monday10, Monday10.AddHours(2), workItemId: survey.Id));
        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal(HttpStatusCode.Conflict, (await app.CompleteAsync(survey.Id, ValidSurvey)).StatusCode);
    }

    [Fact]
    public async Task A_withdrawal_that_overtakes_the_acceptance_handoff_prevents_the_survey()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();

        await app.PublishAsync(application.Withdrawn(Monday10));
        await app.PublishAsync(application.Completed(Step.Acceptance, Monday10.AddHours(-2), Monday10));

        Assert.Empty(await app.WorkItemsAsync(application.ApplicationId));
    }

    [Fact]
    public async Task Claiming_names_the_owner_and_a_second_claim_is_a_conflict()
    {
        var (_, survey) = await OpenSurveyAsync();

        var claimed = await SupplySchemeApp.ReadWorkItemAsync(await app.PostAsync($"/api/supply-scheme/work-items/{survey.Id}/claim", null, user: "surveyor-li"));
        Assert.Equal(("InProgress", "surveyor-li"), (claimed.Status, claimed.Assignee));
        Assert.NotEqual(survey.Version, claimed.Version);

        var second = await app.PostAsync($"/api/supply-scheme/work-items/{survey.Id}/claim", null, user: "surveyor-wang");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task At_110_kV_the_customers_access_system_design_is_taken_out_of_the_scheme_reply_clock()
    {
        app.Clock.AdjustTime(Monday10);
        var policy = TimeLimitPolicyBook.LoadDefault().ForVersion(Handoffs.PolicyVersion);
        var application = new Handoffs(CustomerClass.HighVoltageSingleSource, policy.PlanFor(ApplicationKind.NewConnection, CustomerClass.HighVoltageSingleSource, 110));
        await app.PublishAsync(application.Completed(Step.Acceptance, Monday10.AddHours(-2), Monday10));
        var survey = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SiteSurvey");
        app.Clock.Advance(TimeSpan.FromDays(2));
        await SupplySchemeApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(survey.Id, ValidSurvey));

        // The customer commissions the 接入系统设计: their time, no clock of the company's runs meanwhile.
        var design = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "AccessSystemDesign");
        Assert.Equal(("Customer", (DateTimeOffset?)null), (design.Department, design.DueAt));
        app.Clock.Advance(TimeSpan.FromDays(14));
        await SupplySchemeApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(design.Id,
            new { contractor = "青海省电力设计院", documents = new[] { "110kV 接入系统设计报告" } }, user: application.CustomerId));

        // 方案答复 continues the clock started at acceptance, the customer's two weeks taken out like a pause.
        var reply = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SchemeReply");
        var customerTime = new PauseInterval(Monday10.AddDays(2), Monday10.AddDays(16), "接入系统设计");
        var planner = new DeadlinePlanner(WorkingDayCalendar.LoadDefault(), TimeLimitPolicyBook.LoadDefault());
        Assert.Equal(planner.For(CustomerClass.HighVoltageSingleSource, Handoffs.PolicyVersion, Step.SchemeReply, Monday10, [customerTime]).DueAt, reply.DueAt);
        Assert.Equal(10, reply.LimitWorkingDays);
        var pause = Assert.Single(reply.Pauses);
        Assert.Equal((Monday10.AddDays(2), Monday10.AddDays(16)), (pause.PausedAt, pause.ResumedAt!.Value));
        Assert.Contains("客户接入系统设计", pause.Reason);
        await app.PublishedAsync<WorkItemPaused>(m => m.WorkItemId == reply.Id && m.PausedAt == Monday10.AddDays(2));
        await app.PublishedAsync<WorkItemResumed>(m => m.WorkItemId == reply.Id && m.ResumedAt == Monday10.AddDays(16) && m.DueAt == reply.DueAt);
    }
}
