using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.SupplyScheme.Apis;
using YeKuo.SupplyScheme.Flow.Tests.Support;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.SupplyScheme.Flow.Tests;

/// <summary>
/// 方案审查会: after every department approved, a high-voltage scheme waits for the weekly meeting before it can be
/// replied; the wait is the company's time. Each test runs its own service, its clock on Mon 2026-03-02 10:00 China.
/// </summary>
public sealed class SchemeReviewMeetingTests
{
    /// <summary>Wed 2026-03-04 14:30 China: the default meeting after a Monday approval.</summary>
    private static readonly DateTimeOffset WednesdayMeeting = new(2026, 3, 4, 6, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(CustomerClass.HighVoltageSingleSource)]
    [InlineData(CustomerClass.HighVoltageDualSource)]
    public async Task An_approved_high_voltage_scheme_is_replied_only_after_the_meeting_decided_and_the_clock_keeps_running(CustomerClass customerClass)
    {
        await using var app = new SchemeFlowApp();
        var application = new SchemeApplication(app, customerClass);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        var approved = await application.ApproveByAllAsync(review.Id);

        Assert.Equal("AwaitingMeeting", approved.Status);
        Assert.True(approved.NeedsMeeting);
        Assert.Equal(new DateOnly(2026, 3, 4), approved.Meeting!.Date);
        Assert.Equal(WednesdayMeeting, approved.Meeting.At);
        Assert.Null(approved.Meeting.Approved);
        Assert.Equal(WednesdayMeeting, (await app.PublishedAsync<SchemeReviewCompleted>(e => e.ReviewId == review.Id)).MeetingAt);

        var early = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.ReplyAsync(round.Id, application.Scheme()));
        var (title, detail) = await SchemeFlowApp.ProblemAsync(early);
        Assert.Equal("The work item does not allow this now.", title);
        Assert.Contains("方案审查会 of 2026-03-04", detail);
        Assert.Contains("record the meeting's decision", detail);
        var notYet = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.MeetingDecisionAsync(review.Id, approve: true));
        Assert.Contains("has not met yet", (await SchemeFlowApp.ProblemAsync(notYet)).Detail);

        app.Clock.SetUtcNow(WednesdayMeeting.AddMinutes(40));
        var decided = await SchemeFlowApp.ReadAsync<SchemeReviewDto>(
            await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.MeetingDecisionAsync(review.Id, approve: true, comments: "同意按此方案答复")));
        Assert.Equal("Approved", decided.Status);
        Assert.True(decided.Meeting!.Approved);
        Assert.Equal("meeting-secretary", decided.Meeting.DecidedBy);
        var meeting = await app.PublishedAsync<SchemeMeetingDecided>(e => e.ReviewId == review.Id);
        Assert.True(meeting.Approved);
        Assert.Equal(new DateOnly(2026, 3, 4), meeting.MeetingDate);

        var reply = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(round.Id, application.Scheme()));

        var replied = await SchemeFlowApp.ReadAsync<WorkItemDto>(reply);
        Assert.Equal("Completed", replied.Status);
        // Waiting for the meeting is not a pause: the due date is the one set when the round opened.
        Assert.Empty(replied.Pauses);
        Assert.Equal(round.DueAt, replied.DueAt);
        var completed = await app.PublishedAsync<StepCompleted>(e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeReply);
        Assert.Equal(round.Id, completed.WorkItemId);
        Assert.Equal(10m, Assert.IsType<SchemeReplyOutcome>(completed.Outcome).VoltageKv);
    }

    [Fact]
    public async Task The_meeting_date_is_the_next_configured_weekday_at_the_configured_time_and_the_agenda_lists_the_scheme()
    {
        await using var app = new SchemeFlowApp(new Dictionary<string, string>
        {
            ["SchemeReview:MeetingDay"] = "Friday",
            ["SchemeReview:MeetingTime"] = "09:00",
        });
        var application = new SchemeApplication(app, CustomerClass.HighVoltageSingleSource);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        var approved = await application.ApproveByAllAsync(review.Id);

        var friday = new DateTimeOffset(2026, 3, 6, 1, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 3, 6), approved.Meeting!.Date);
        Assert.Equal(friday, approved.Meeting.At);
        var agenda = await app.GetAsync<MeetingAgendaDto>("/api/supply-scheme/meetings/2026-03-06");
        Assert.Equal(friday, agenda.At);
        Assert.Equal(review.Id, Assert.Single(agenda.Reviews).Id);
        Assert.Contains(await app.GetAsync<SchemeReviewDto[]>("/api/supply-scheme/reviews?status=awaiting-meeting"), r => r.Id == review.Id);
    }

    [Fact]
    public async Task A_scheme_approved_after_this_weeks_meeting_began_waits_for_next_weeks_meeting()
    {
        // Wed 2026-03-04 15:00 China: this week's meeting (14:30) has begun.
        await using var app = new SchemeFlowApp(new Dictionary<string, string>(), start: new DateTimeOffset(2026, 3, 4, 7, 0, 0, TimeSpan.Zero));
        var application = new SchemeApplication(app, CustomerClass.HighVoltageSingleSource);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        var approved = await application.ApproveByAllAsync(review.Id);

        Assert.Equal(new DateOnly(2026, 3, 11), approved.Meeting!.Date);
    }

    [Fact]
    public async Task Environments_that_cannot_wait_for_the_weekday_may_record_the_decision_before_the_meeting()
    {
        await using var app = new SchemeFlowApp(new Dictionary<string, string> { ["SchemeReview:AllowDecisionBeforeMeeting"] = "true" });
        var application = new SchemeApplication(app, CustomerClass.HighVoltageSingleSource);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());
        await application.ApproveByAllAsync(review.Id);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.ReplyAsync(round.Id, application.Scheme()));

        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.MeetingDecisionAsync(review.Id, approve: true));

        Assert.True(app.Clock.GetUtcNow() < WednesdayMeeting);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(round.Id, application.Scheme()));
    }

    [Fact]
    public async Task The_meeting_can_send_the_scheme_back_and_the_next_round_opens_on_the_same_clock()
    {
        await using var app = new SchemeFlowApp();
        var application = new SchemeApplication(app, CustomerClass.HighVoltageSingleSource);
        var round1 = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round1.Id, application.Scheme());
        await application.ApproveByAllAsync(review.Id);
        app.Clock.SetUtcNow(WednesdayMeeting.AddHours(1));

        var missingComments = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest, application.MeetingDecisionAsync(review.Id, approve: false));
        Assert.Contains("comments", await missingComments.Content.ReadAsStringAsync());
        var decided = await SchemeFlowApp.ReadAsync<SchemeReviewDto>(await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK,
            application.MeetingDecisionAsync(review.Id, approve: false, comments: "需论证双电源必要性")));

        Assert.Equal("Rejected", decided.Status);
        Assert.Equal(["方案审查会 (meeting-secretary): 需论证双电源必要性"], decided.SentBackBecause);
        var round2 = await application.SchemeReplyRoundAsync(2);
        Assert.Equal(round1.DueAt, round2.DueAt);
        Assert.Equal(SchemeApplication.Drafter, round2.Assignee);
        Assert.False((await app.PublishedAsync<SchemeMeetingDecided>(e => e.ReviewId == review.Id)).Approved);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.MeetingDecisionAsync(review.Id, approve: true));
        Assert.Equal(review.Id, (await application.SchemeOfRoundAsync(round2.Id)).PreviousRevision!.Id);
    }
}
