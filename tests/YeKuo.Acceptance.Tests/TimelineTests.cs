using YeKuo.Acceptance.Apis;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;
using YeKuo.Contracts.Events;

namespace YeKuo.Acceptance.Tests;

/// <summary>The master timeline is built from other departments' events, which may arrive in either order.</summary>
public sealed class TimelineTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 3, 16, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Completed = new(2026, 3, 5, 7, 30, 0, TimeSpan.Zero);

    private static WorkItemOpened OpenedOf(ApplicationDetails application, Guid workItemId, DateTimeOffset? due = null) =>
        new(workItemId, application.Id, application.Number, Step.SiteSurvey, Department.SupplyScheme, 1, null, Opened, due ?? Due);

    /// <summary>供电方案's 现场勘查 of <paramref name="application"/>, completed by surveyor-li.</summary>
    internal static StepCompleted CompletedOf(ApplicationDetails application, Guid workItemId, DateTimeOffset? due = null) =>
        new(workItemId, application.Id, application.Number, application.CustomerId, CustomerClass.HighVoltageSingleSource, "YK-TL-2024",
            Step.SiteSurvey, Department.SupplyScheme, 1, "surveyor-li", Opened, Completed, due ?? Due,
            application.Plan.Select(Enum.Parse<Step>).ToArray(), new SiteSurveyOutcome("具备供电条件", true));

    private async Task<TimelineStep> SurveyStepAsync(Guid applicationId)
    {
        var details = await app.ApplicationAsync(applicationId);
        return Assert.Single(details.Timeline, s => s.Step == "SiteSurvey");
    }

    private static void AssertCompleteEntry(TimelineStep step, DateTimeOffset due)
    {
        Assert.Equal("现场勘查", step.StepName);
        Assert.Equal("SupplyScheme", step.Department);
        Assert.Equal(1, step.Round);
        Assert.Equal(Opened, step.StartedAt);
        Assert.Equal(due, step.DueAt);
        Assert.Equal(Completed, step.CompletedAt);
        Assert.Equal("surveyor-li", step.CompletedBy);
        Assert.Equal("surveyor-li", step.Assignee);
        Assert.True(step.OnTime);
        Assert.Equal("具备供电条件", Assert.IsType<SiteSurveyOutcome>(step.Outcome).Findings);
    }

    [Fact]
    public async Task WorkItemOpened_then_StepCompleted_builds_one_complete_entry()
    {
        var (application, _) = await app.SubmitValidAsync();
        var workItemId = Guid.NewGuid();

        await app.PublishAsync(OpenedOf(application, workItemId));
        var open = await SurveyStepAsync(application.Id);
        Assert.Equal(Opened, open.StartedAt);
        Assert.Null(open.CompletedAt);
        Assert.Null(open.OnTime);

        await app.PublishAsync(CompletedOf(application, workItemId));
        AssertCompleteEntry(await SurveyStepAsync(application.Id), Due);
    }

    [Fact]
    public async Task StepCompleted_before_WorkItemOpened_builds_the_same_single_entry()
    {
        var (application, _) = await app.SubmitValidAsync();
        var workItemId = Guid.NewGuid();

        await app.PublishAsync(CompletedOf(application, workItemId));
        AssertCompleteEntry(await SurveyStepAsync(application.Id), Due);

        await app.PublishAsync(OpenedOf(application, workItemId));
        AssertCompleteEntry(await SurveyStepAsync(application.Id), Due);
    }

    [Fact]
    public async Task A_completion_that_opened_the_next_step_in_its_commit_puts_both_steps_on_the_timeline()
    {
        // 现场勘查 → 方案答复 in 供电方案: the completion carries the reply's opening; no WorkItemOpened of its own comes.
        var (application, _) = await app.SubmitValidAsync();
        var surveyId = Guid.NewGuid();
        var replyId = Guid.NewGuid();
        var replyDue = Due.AddDays(7);
        var reply = new WorkItemOpened(replyId, application.Id, application.Number, Step.SchemeReply, Department.SupplyScheme, 1, null, Completed, replyDue);

        await app.PublishAsync(CompletedOf(application, surveyId) with { NextStepHandled = true, NextOpened = reply });

        var details = await app.ApplicationAsync(application.Id);
        AssertCompleteEntry(Assert.Single(details.Timeline, s => s.Step == "SiteSurvey"), Due);
        var opened = Assert.Single(details.Timeline, s => s.Step == "SchemeReply");
        Assert.Equal((Completed, replyDue, 1), (opened.StartedAt, opened.DueAt, opened.Round));
        Assert.Null(opened.CompletedAt);
    }

    [Fact]
    public async Task A_late_WorkItemOpened_does_not_undo_the_due_date_moved_by_a_pause()
    {
        // The step was paused (客户原因), so it completed with a due date later than the one it opened with.
        var (application, _) = await app.SubmitValidAsync();
        var workItemId = Guid.NewGuid();
        var movedDue = Due.AddDays(3);
        var completedLate = CompletedOf(application, workItemId, movedDue) with { CompletedAt = Due.AddDays(1) };

        await app.PublishAsync(completedLate);
        await app.PublishAsync(OpenedOf(application, workItemId, Due));

        var step = await SurveyStepAsync(application.Id);
        Assert.Equal(movedDue, step.DueAt);
        Assert.True(step.OnTime, "Completed within the due date moved by the pause, so the step was on time.");
    }

    [Fact]
    public async Task A_redelivered_StepCompleted_keeps_a_single_entry()
    {
        var (application, _) = await app.SubmitValidAsync();
        var workItemId = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await app.PublishAsync(CompletedOf(application, workItemId), messageId);
        await app.PublishAsync(CompletedOf(application, workItemId), messageId);
        await app.PublishAsync(CompletedOf(application, workItemId));

        AssertCompleteEntry(await SurveyStepAsync(application.Id), Due);
    }
}
