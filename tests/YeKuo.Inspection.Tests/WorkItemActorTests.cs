using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Inspection.Tests;

/// <summary>
/// Who may act on a work item: once it has a 责任人, only they (or the department head) pause, resume or complete it;
/// the head reassigns it only to staff of the same department listed in the staff directory.
/// </summary>
public sealed class WorkItemActorTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly object Passed = new { passed = true, remarks = "设计符合规范" };

    private async Task<WorkItemDto> ClaimedDesignReviewAsync(string assignee)
    {
        app.Clock.AdjustTime(InspectionApp.Monday10China);
        var application = new Handoffs();
        // The customer's design documents open the design review.
        await app.PublishAsync(application.Completed(Step.DesignSubmission, InspectionApp.Monday10China.AddDays(-20), InspectionApp.Monday10China));
        var review = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview");
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/claim", new { }, assignee));
        return review;
    }

    [Fact]
    public async Task A_colleague_may_not_pause_resume_or_complete_an_item_someone_else_holds()
    {
        var review = await ClaimedDesignReviewAsync("inspector-a");
        var path = $"/api/inspection/work-items/{review.Id}";

        await InspectionApp.ExpectAsync(HttpStatusCode.Forbidden, app.PostAsync($"{path}/pause", new { reason = "客户图纸待补" }, "inspector-b"));
        await InspectionApp.ExpectAsync(HttpStatusCode.Forbidden, app.CompleteAsync(review.Id, Passed, "inspector-b"));
        // The head may; the holder resumes.
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"{path}/pause", new { reason = "客户图纸待补" }, "head-inspection"));
        await InspectionApp.ExpectAsync(HttpStatusCode.Forbidden, app.PostAsync($"{path}/resume", new { }, "inspector-b"));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"{path}/resume", new { }, "inspector-a"));
        var completed = await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Passed, "inspector-a"));
        Assert.Equal("inspector-a", (await InspectionApp.ReadWorkItemAsync(completed)).CompletedBy);
    }

    [Theory]
    [InlineData("staff-supplyscheme")]
    [InlineData("customer-wang")]
    [InlineData("nobody-of-that-name")]
    [InlineData("cm-zhang")]
    public async Task A_head_may_not_reassign_to_anyone_but_staff_of_the_department(string assignee)
    {
        var review = await ClaimedDesignReviewAsync("inspector-c");

        var response = await app.PostAsync($"/api/inspection/work-items/{review.Id}/reassign", new { assignee }, "head-inspection");

        Assert.Equal(["assignee"], (await InspectionApp.ValidationErrorsAsync(response)).Keys);
        Assert.Equal("inspector-c", (await app.WorkItemAsync(review.ApplicationId, w => w.Id == review.Id)).Assignee);
    }

    [Fact]
    public async Task A_head_reassigns_to_a_colleague_in_the_directory_who_then_holds_the_item()
    {
        var review = await ClaimedDesignReviewAsync("inspector-d");

        var reassigned = await InspectionApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/inspection/work-items/{review.Id}/reassign", new { assignee = "staff-inspection-2" }, "head-inspection"));

        Assert.Equal("staff-inspection-2", (await InspectionApp.ReadWorkItemAsync(reassigned)).Assignee);
        await InspectionApp.ExpectAsync(HttpStatusCode.Forbidden, app.CompleteAsync(review.Id, Passed, "inspector-d"));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, Passed, "staff-inspection-2"));
    }
}
