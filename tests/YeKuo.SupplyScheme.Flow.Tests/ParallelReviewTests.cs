using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.SupplyScheme.Apis;
using YeKuo.SupplyScheme.Flow.Tests.Support;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.SupplyScheme.Flow.Tests;

/// <summary>并行审批: a drafted scheme is reviewed by every configured department before it can be replied.</summary>
public sealed class ParallelReviewTests(SchemeFlowApp app) : IClassFixture<SchemeFlowApp>
{
    [Fact]
    public async Task A_submitted_draft_is_pending_with_every_default_department_and_the_round_stays_open()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();

        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        Assert.Equal("UnderReview", review.Status);
        Assert.Equal(1, review.Revision);
        Assert.Equal(round.Id, review.SchemeReplyWorkItemId);
        Assert.Equal(SchemeApplication.Departments, review.Reviewers);
        Assert.Equal(SchemeApplication.Departments, review.PendingDepartments);
        Assert.Equal(SchemeApplication.Drafter, review.DraftedBy);
        Assert.Equal(0.4m, review.Draft.VoltageKv);
        foreach (var department in SchemeApplication.Departments)
        {
            var pending = await app.GetAsync<SchemeReviewDto[]>($"/api/supply-scheme/reviews?department={department}");
            Assert.Contains(pending, r => r.Id == review.Id);
        }
        // Drafting is not the reply: the 供电方案答复 round stays open, claimed by the drafter.
        var item = await app.GetAsync<WorkItemDto>($"/api/supply-scheme/work-items/{round.Id}");
        Assert.Equal("InProgress", item.Status);
        Assert.Equal(SchemeApplication.Drafter, item.Assignee);
        Assert.Empty(app.Published<StepCompleted>(e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeReply));
    }

    [Fact]
    public async Task Replying_while_departments_have_not_all_approved_is_a_409_naming_the_missing_ones()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "operations", approve: true));
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "dispatch", approve: true));

        var reply = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.ReplyAsync(round.Id, application.Scheme()));

        var (_, detail) = await SchemeFlowApp.ProblemAsync(reply);
        Assert.Contains("under review", detail);
        Assert.Contains("metering", detail);
        Assert.Contains("marketing", detail);
        Assert.DoesNotContain("dispatch", detail);
        var item = await app.GetAsync<WorkItemDto>($"/api/supply-scheme/work-items/{round.Id}");
        Assert.Equal("InProgress", item.Status);
    }

    [Fact]
    public async Task Replying_before_any_draft_was_submitted_is_a_409_pointing_to_the_draft_endpoint()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();

        var reply = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.ReplyAsync(round.Id, application.Scheme()));

        Assert.Contains($"/work-items/{round.Id}/draft", (await SchemeFlowApp.ProblemAsync(reply)).Detail);
    }

    [Fact]
    public async Task When_all_departments_approve_a_low_voltage_scheme_it_is_replied_at_once_without_a_meeting()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme(capacityKva: 630m));

        var approved = await application.ApproveByAllAsync(review.Id);

        Assert.Equal("Approved", approved.Status);
        Assert.False(approved.NeedsMeeting);
        Assert.Null(approved.Meeting);
        Assert.Empty(approved.PendingDepartments);
        Assert.Equal(4, approved.Opinions.Count);
        var completed = await app.PublishedAsync<SchemeReviewCompleted>(e => e.ReviewId == review.Id);
        Assert.True(completed.Approved);
        Assert.Null(completed.MeetingAt);

        var reply = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(round.Id, application.Scheme(capacityKva: 630m)));

        Assert.Equal("Completed", (await SchemeFlowApp.ReadAsync<WorkItemDto>(reply)).Status);
        var replied = await app.PublishedAsync<StepCompleted>(e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeReply);
        Assert.Equal(630m, Assert.IsType<SchemeReplyOutcome>(replied.Outcome).CapacityKva);
        Assert.Equal("Replied", (await app.ReviewAsync(review.Id)).Status);
        // The plan moves on to the customer's confirmation.
        var confirmation = await application.ConfirmationRoundAsync(1);
        Assert.Equal(application.CustomerId, confirmation.Assignee);
    }

    [Fact]
    public async Task The_reply_must_be_the_approved_scheme_and_anything_else_is_a_409()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme(capacityKva: 630m));
        await application.ApproveByAllAsync(review.Id);

        var reply = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.ReplyAsync(round.Id, application.Scheme(capacityKva: 800m)));

        Assert.Contains("capacityKva", (await SchemeFlowApp.ProblemAsync(reply)).Detail);
        Assert.Equal("Approved", (await app.ReviewAsync(review.Id)).Status);
    }

    [Fact]
    public async Task A_second_opinion_from_the_same_department_on_the_same_revision_is_a_409()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "metering", approve: true, reviewer: "reviewer-metering"));

        var again = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict,
            application.OpinionAsync(review.Id, "Metering", approve: false, comments: "计量点位置需调整", reviewer: "staff-metering"));

        Assert.Contains("already gave its opinion", (await SchemeFlowApp.ProblemAsync(again)).Detail);
        var stored = await app.ReviewAsync(review.Id);
        var opinion = Assert.Single(stored.Opinions);
        Assert.True(opinion.Approve);
        Assert.Equal("reviewer-metering", opinion.Reviewer);
        Assert.Equal("UnderReview", stored.Status);
    }

    [Fact]
    public async Task Opinions_are_validated_a_rejection_needs_comments_and_the_department_must_be_a_reviewer()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        var noComments = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest, application.OpinionAsync(review.Id, "dispatch", approve: false));
        var unknown = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest, application.OpinionAsync(review.Id, "finance", approve: true));
        var missing = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest,
            app.PostAsync($"/api/supply-scheme/reviews/{review.Id}/opinions", new { department = "dispatch" }));

        Assert.Contains("comments", await noComments.Content.ReadAsStringAsync());
        Assert.Contains("operations, dispatch, metering, marketing", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("approve", await missing.Content.ReadAsStringAsync());
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.NotFound, application.OpinionAsync(Guid.NewGuid(), "dispatch", approve: true));
        Assert.Empty((await app.ReviewAsync(review.Id)).Opinions);
    }

    [Fact]
    public async Task A_round_drafts_one_revision_and_an_invalid_draft_is_a_400()
    {
        var application = new SchemeApplication(app, CustomerClass.HighVoltageDualSource);
        var round = await application.OpenSchemeReplyAsync();

        var invalid = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest, application.DraftAsync(round.Id,
            new { voltageKv = 10m, sourceCount = 1, capacityKva = 0m, meteringMethod = "HighSupplyHighMetering", summary = "" }));
        await application.SubmitDraftAsync(round.Id, application.Scheme());
        var twice = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.DraftAsync(round.Id, application.Scheme(capacityKva: 1000m)));

        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("sourceCount", body);
        Assert.Contains("capacityKva", body);
        Assert.Contains("summary", body);
        Assert.Contains("already submitted", (await SchemeFlowApp.ProblemAsync(twice)).Title);
    }

    [Fact]
    public async Task One_rejection_sends_the_scheme_back_and_opens_SchemeReply_round_2_for_the_drafter_with_the_comments()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round1 = await application.OpenSchemeReplyAsync();
        var revision1 = await application.SubmitDraftAsync(round1.Id, application.Scheme(capacityKva: 630m));
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(revision1.Id, "operations", approve: true));

        var rejection = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK,
            application.OpinionAsync(revision1.Id, "dispatch", approve: false, comments: "城东线负载率已达 85%, 请改由城南线接入", reviewer: "reviewer-dispatch"));

        var rejected = await SchemeFlowApp.ReadAsync<SchemeReviewDto>(rejection);
        Assert.Equal("Rejected", rejected.Status);
        Assert.Equal(["dispatch (reviewer-dispatch): 城东线负载率已达 85%, 请改由城南线接入"], rejected.SentBackBecause);
        var closed = await app.GetAsync<WorkItemDto>($"/api/supply-scheme/work-items/{round1.Id}");
        Assert.Equal("Cancelled", closed.Status);

        var round2 = await application.SchemeReplyRoundAsync(2);
        Assert.Equal("InProgress", round2.Status);
        Assert.Equal(SchemeApplication.Drafter, round2.Assignee);
        // The company's own rejection does not restart its clock.
        Assert.Equal(round1.DueAt, round2.DueAt);
        var opened = await app.PublishedAsync<WorkItemOpened>(e => e.WorkItemId == round2.Id);
        Assert.Equal(2, opened.Round);
        var completed = await app.PublishedAsync<SchemeReviewCompleted>(e => e.ReviewId == revision1.Id);
        Assert.False(completed.Approved);
        Assert.Contains("城南线", Assert.Single(completed.Rejections));

        // The drafter sees why; the rejected revision takes no more opinions.
        var scheme = await application.SchemeOfRoundAsync(round2.Id);
        Assert.Null(scheme.Review);
        Assert.Equal(revision1.Id, scheme.PreviousRevision!.Id);
        Assert.Contains("请改由城南线接入", Assert.Single(scheme.PreviousRevision.SentBackBecause));
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.Conflict, application.OpinionAsync(revision1.Id, "metering", approve: true));
        Assert.Empty(app.Published<StepCompleted>(e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeReply));

        // Revision 2 goes through the review again and is replied.
        var revision2 = await application.SubmitDraftAsync(round2.Id, application.Scheme(capacityKva: 500m));
        Assert.Equal(2, revision2.Revision);
        await application.ApproveByAllAsync(revision2.Id);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(round2.Id, application.Scheme(capacityKva: 500m)));
        var replied = await app.PublishedAsync<StepCompleted>(e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeReply);
        Assert.Equal(2, replied.Round);
        Assert.Equal(500m, Assert.IsType<SchemeReplyOutcome>(replied.Outcome).CapacityKva);

        var history = await application.HistoryAsync();
        Assert.Equal([(1, "Rejected"), (2, "Replied")], history.Select(r => (r.Revision, r.Status)).ToArray());
        Assert.Equal(2, history[0].Opinions.Count);
        Assert.Equal(4, history[1].Opinions.Count);
    }

    [Fact]
    public async Task Departments_answering_at_the_same_moment_are_all_recorded_and_the_review_completes_once()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        var answers = await Task.WhenAll(SchemeApplication.Departments.Select(department =>
            app.PostAsync($"/api/supply-scheme/reviews/{review.Id}/opinions", new { department, approve = true }, $"reviewer-{department}")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var stored = await app.ReviewAsync(review.Id);
        Assert.Equal("Approved", stored.Status);
        Assert.Equal(SchemeApplication.Departments.Order(), stored.Opinions.Select(o => o.Department).Order());
        await app.PublishedAsync<SchemeReviewCompleted>(e => e.ReviewId == review.Id);
        Assert.Single(app.Published<SchemeReviewCompleted>(e => e.ReviewId == review.Id));
    }

    [Fact]
    public async Task A_department_worklist_shows_only_the_reviews_it_has_not_answered()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "marketing", approve: true));

        Assert.DoesNotContain(await app.GetAsync<SchemeReviewDto[]>("/api/supply-scheme/reviews?department=marketing"), r => r.Id == review.Id);
        Assert.Contains(await app.GetAsync<SchemeReviewDto[]>("/api/supply-scheme/reviews?department=operations"), r => r.Id == review.Id);
        var unknown = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest, app.CreateClient().GetAsync("/api/supply-scheme/reviews?department=finance"));
        Assert.Equal("Unknown department.", (await SchemeFlowApp.ProblemAsync(unknown)).Title);
    }
}
