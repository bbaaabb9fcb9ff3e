using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.SupplyScheme.Flow.Tests.Support;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.SupplyScheme.Flow.Tests;

/// <summary>The customer answers the replied scheme: confirms it, or asks for a revision with their comments.</summary>
public sealed class CustomerRevisionTests(SchemeFlowApp app) : IClassFixture<SchemeFlowApp>
{
    [Fact]
    public async Task A_customer_who_rejects_the_scheme_gets_SchemeReply_round_2_then_reviews_reply_and_confirmation_round_2()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var reply1 = await application.OpenSchemeReplyAsync();
        var revision1 = await application.SubmitDraftAsync(reply1.Id, application.Scheme(capacityKva: 630m));
        await application.ApproveByAllAsync(revision1.Id);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(reply1.Id, application.Scheme(capacityKva: 630m)));
        var confirmation1 = await application.ConfirmationRoundAsync(1);

        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK,
            application.CustomerAnswersAsync(confirmation1.Id, confirmed: false, comments: "二期设备提前投运, 容量需增至 800kVA"));

        var answered = await app.PublishedAsync<StepCompleted>(
            e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeConfirmation, consumed: true);
        var answer = Assert.IsType<SchemeConfirmationOutcome>(answered.Outcome);
        Assert.False(answer.Confirmed);
        Assert.Equal(Step.SchemeReply, Plans.OpensAfter(answered.Plan, answered.Step, answer));
        var reply2 = await application.SchemeReplyRoundAsync(2);
        Assert.Equal("Open", reply2.Status);
        // Only the revision is open: the plan does not move on to the next step, nor ask for a second confirmation yet.
        Assert.Equal([reply2.Id], (await app.WorkItemsAsync(application.ApplicationId)).Where(w => w.Status is "Open" or "InProgress").Select(w => w.Id));
        var scheme = await application.SchemeOfRoundAsync(reply2.Id);
        Assert.Equal("RevisionRequested", scheme.PreviousRevision!.Status);
        Assert.Equal(["客户: 二期设备提前投运, 容量需增至 800kVA"], scheme.PreviousRevision.SentBackBecause);

        var revision2 = await application.SubmitDraftAsync(reply2.Id, application.Scheme(capacityKva: 800m));
        Assert.Equal(2, revision2.Revision);
        await application.ApproveByAllAsync(revision2.Id);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(reply2.Id, application.Scheme(capacityKva: 800m)));
        var confirmation2 = await application.ConfirmationRoundAsync(2);
        Assert.Equal(application.CustomerId, confirmation2.Assignee);

        var confirmed = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.CustomerAnswersAsync(confirmation2.Id, confirmed: true, comments: null));

        Assert.Equal("Completed", (await SchemeFlowApp.ReadAsync<WorkItemDto>(confirmed)).Status);
        var done = await app.PublishedAsync<StepCompleted>(
            e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeConfirmation && e.Round == 2);
        Assert.True(Assert.IsType<SchemeConfirmationOutcome>(done.Outcome).Confirmed);
        Assert.True(done.Outcome.MovesOn);
        Assert.Equal([(1, "RevisionRequested"), (2, "Confirmed")], (await application.HistoryAsync()).Select(r => (r.Revision, r.Status)).ToArray());
        // Every round is on the timeline.
        var openedRounds = app.OpeningsSoFar(e => e.ApplicationId == application.ApplicationId)
            .Select(e => (e.Step, e.Round)).ToHashSet();
        Assert.Superset(new HashSet<(Step, int)> { (Step.SchemeReply, 1), (Step.SchemeConfirmation, 1), (Step.SchemeReply, 2), (Step.SchemeConfirmation, 2) }, openedRounds);
        Assert.Equal([1, 2], app.Published<StepCompleted>(e => e.ApplicationId == application.ApplicationId && e.Step == Step.SchemeReply)
            .Select(e => e.Round).Order());
    }

    [Fact]
    public async Task Asking_for_a_revision_needs_the_customers_comments()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidentialNoExternalWorks);
        var reply = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(reply.Id, application.Scheme());
        await application.ApproveByAllAsync(review.Id);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(reply.Id, application.Scheme()));
        var confirmation = await application.ConfirmationRoundAsync(1);

        var bare = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest, application.CustomerAnswersAsync(confirmation.Id, confirmed: false, comments: " "));
        var missing = await SchemeFlowApp.ExpectAsync(HttpStatusCode.BadRequest,
            app.PostAsync($"/api/supply-scheme/work-items/{confirmation.Id}/complete", new { comments = "?" }, application.CustomerId));

        Assert.Contains("comments", await bare.Content.ReadAsStringAsync());
        Assert.Contains("confirmed", await missing.Content.ReadAsStringAsync());
        Assert.Equal("InProgress", (await app.GetAsync<WorkItemDto>($"/api/supply-scheme/work-items/{confirmation.Id}")).Status);
    }
}
