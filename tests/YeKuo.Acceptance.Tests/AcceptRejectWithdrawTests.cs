using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Acceptance.Tests;

public sealed class AcceptRejectWithdrawTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly string[] ManagerPool = ["cm-zhang", "cm-li", "cm-wang"];

    private static readonly Step[] HighVoltagePlan =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation,
        Step.DesignSubmission, Step.DesignReview, Step.IntermediateInspectionRequest, Step.IntermediateInspection,
        Step.CompletionReport, Step.CompletionAcceptance, Step.SupplyContract, Step.PowerConnection,
    ];

    private static readonly object Complete = new { documentsComplete = true, remarks = "资料齐全" };

    [Fact]
    public async Task Completing_acceptance_publishes_StepCompleted_and_ApplicationAccepted_with_policy_version_and_plan()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        var response = await app.CompleteAsync(workItemId, Complete, user: "clerk-wu");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await AcceptanceApp.ReadWorkItemAsync(response);
        Assert.Equal("Completed", item.Status);
        Assert.Equal("clerk-wu", item.CompletedBy);

        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == workItemId);
        Assert.Equal(Step.Acceptance, completed.Step);
        Assert.Equal(Department.Acceptance, completed.Department);
        Assert.Equal("YK-TL-2024", completed.PolicyVersion);
        Assert.Equal(HighVoltagePlan, completed.Plan);
        Assert.Equal("clerk-wu", completed.CompletedBy);
        Assert.Equal(new AcceptanceOutcome("资料齐全"), completed.Outcome);

        var accepted = await app.PublishedAsync<ApplicationAccepted>(m => m.ApplicationId == application.Id);
        Assert.Equal("YK-TL-2024", accepted.PolicyVersion);
        Assert.Equal(HighVoltagePlan, accepted.Plan);
        Assert.Equal(CustomerClass.HighVoltageSingleSource, accepted.CustomerClass);
        Assert.Equal((800m, 10m, 1), (accepted.CapacityKva, accepted.VoltageKv, accepted.SourceCount));
        Assert.Contains(accepted.CustomerManager, ManagerPool);
        Assert.Equal(application.Number, accepted.ApplicationNumber);

        var details = await app.ApplicationAsync(application.Id);
        Assert.Equal("InProgress", details.Status);
        Assert.Equal(accepted.CustomerManager, details.CustomerManager);
        Assert.Equal(AcceptanceApp.Monday10China, details.AcceptedAt);
    }

    [Fact]
    public async Task Acceptance_without_complete_documents_is_a_400_naming_documentsComplete()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        var response = await app.CompleteAsync(workItemId, new { documentsComplete = false });

        var errors = await AcceptanceApp.ValidationErrorsAsync(response);
        Assert.Contains("documentsComplete", errors.Keys);
        Assert.Equal("Open", Assert.Single(await app.WorkItemsAsync(application.Id)).Status);
        Assert.Equal("Submitted", (await app.ApplicationAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Three_customers_first_applications_get_three_different_customer_managers()
    {
        // A fresh service: the pool's load starts at zero for every manager.
        await using var fresh = new AcceptanceApp();
        var managers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (application, workItemId) = await fresh.SubmitValidAsync(customer: $"cust-{i}");
            Assert.Equal(HttpStatusCode.OK, (await fresh.CompleteAsync(workItemId, Complete)).StatusCode);
            managers.Add((await fresh.ApplicationAsync(application.Id)).CustomerManager!);
        }

        Assert.Equal(ManagerPool.Order(), managers.Order());
    }

    [Fact]
    public async Task Rejecting_needs_at_least_one_reason()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        foreach (var body in new object[] { new { reasons = Array.Empty<string>() }, new { reasons = new[] { " " } }, new { } })
        {
            var response = await app.PostAsync($"/api/applications/work-items/{workItemId}/reject", body);
            var errors = await AcceptanceApp.ValidationErrorsAsync(response);
            Assert.Contains("reasons", errors.Keys);
        }
        Assert.Equal("Submitted", (await app.ApplicationAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Rejecting_with_reasons_closes_the_application_cancels_the_work_item_and_publishes_ApplicationRejected()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        var response = await app.PostAsync($"/api/applications/work-items/{workItemId}/reject",
            new { reasons = new[] { "资料不全: 缺少产权证明", "用电地址与产权证明不符" } }, user: "clerk-wu");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = (await response.Content.ReadFromJsonAsync<ApplicationDetails>(AcceptanceApp.Json))!;
        Assert.Equal("Rejected", details.Status);
        Assert.Contains("缺少产权证明", details.ClosingReason);
        Assert.NotNull(details.ClosedAt);

        var item = Assert.Single(await app.WorkItemsAsync(application.Id));
        Assert.Equal("Cancelled", item.Status);
        Assert.Empty(await app.WorkItemsAsync(application.Id, status: "open"));

        var rejected = await app.PublishedAsync<ApplicationRejected>(m => m.ApplicationId == application.Id);
        Assert.Equal(["资料不全: 缺少产权证明", "用电地址与产权证明不符"], rejected.Reasons);
        Assert.Equal("clerk-wu", rejected.RejectedBy);
        Assert.Empty(app.PublishedSoFar<ApplicationAccepted>(m => m.ApplicationId == application.Id));
    }

    [Fact]
    public async Task An_accepted_application_can_no_longer_be_rejected()
    {
        var (application, workItemId) = await app.SubmitValidAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(workItemId, Complete)).StatusCode);

        var response = await app.PostAsync($"/api/applications/work-items/{workItemId}/reject", new { reasons = new[] { "资料不全" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("InProgress", (await app.ApplicationAsync(application.Id)).Status);
    }

    [Fact]
    public async Task A_rejected_application_can_no_longer_be_accepted()
    {
        var (application, workItemId) = await app.SubmitValidAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/applications/work-items/{workItemId}/reject", new { reasons = new[] { "资料不全" } })).StatusCode);

        var response = await app.CompleteAsync(workItemId, Complete);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Rejected", (await app.ApplicationAsync(application.Id)).Status);
    }

    [Fact]
    public async Task Withdrawing_closes_the_application_cancels_open_work_and_publishes_ApplicationWithdrawn()
    {
        var (application, _) = await app.SubmitValidAsync();

        var response = await app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "项目取消" }, user: "cust-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = (await response.Content.ReadFromJsonAsync<ApplicationDetails>(AcceptanceApp.Json))!;
        Assert.Equal("Withdrawn", details.Status);
        Assert.Equal("项目取消", details.ClosingReason);
        Assert.Equal("Cancelled", Assert.Single(await app.WorkItemsAsync(application.Id)).Status);

        var withdrawn = await app.PublishedAsync<ApplicationWithdrawn>(m => m.ApplicationId == application.Id);
        Assert.Equal("项目取消", withdrawn.Reason);
        Assert.Equal(application.Number, withdrawn.ApplicationNumber);
    }

    [Fact]
    public async Task An_accepted_application_can_still_be_withdrawn()
    {
        var (application, workItemId) = await app.SubmitValidAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CompleteAsync(workItemId, Complete)).StatusCode);

        var response = await app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "不再需要" }, user: "cust-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.PublishedAsync<ApplicationWithdrawn>(m => m.ApplicationId == application.Id);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_and_an_active_application()
    {
        var (application, _) = await app.SubmitValidAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "" }, user: "cust-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "项目取消" }, user: "cust-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "again" }, user: "cust-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsync($"/api/applications/{Guid.NewGuid()}/withdraw", new { reason = "x" }, user: "cust-1")).StatusCode);
        Assert.Single(app.PublishedSoFar<ApplicationWithdrawn>(m => m.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Two_concurrent_completions_of_one_work_item_give_exactly_one_200_and_one_409()
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var (application, workItemId) = await app.SubmitValidAsync();
            using var first = app.ClientAs("clerk-a");
            using var second = app.ClientAs("clerk-b");
            using var start = new ManualResetEventSlim();

            Task<HttpResponseMessage> Race(HttpClient client) => Task.Run(async () =>
            {
                start.Wait();
                return await client.PostAsJsonAsync($"/api/applications/work-items/{workItemId}/complete", Complete, AcceptanceApp.Json);
            });

            var racing = new[] { Race(first), Race(second) };
            start.Set();
            var responses = await Task.WhenAll(racing);

            var statuses = responses.Select(r => r.StatusCode).Order().ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);

            var winner = await AcceptanceApp.ReadWorkItemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
            var stored = await app.CreateClient().GetFromJsonAsync<WorkItemDto>($"/api/applications/work-items/{workItemId}", AcceptanceApp.Json);
            Assert.Equal(winner.CompletedBy, stored!.CompletedBy);
            Assert.Equal(winner.Version, stored.Version);

            await app.PublishedAsync<ApplicationAccepted>(m => m.ApplicationId == application.Id);
            await Task.Delay(200);
            Assert.Single(app.PublishedSoFar<ApplicationAccepted>(m => m.ApplicationId == application.Id));
            Assert.Single(app.PublishedSoFar<StepCompleted>(m => m.WorkItemId == workItemId));
        }
    }

    [Fact]
    public async Task Completing_acceptance_of_an_application_a_concurrent_completion_already_accepted_is_409_not_500()
    {
        // The state the slower of two racing completions can read: the item still open (read before the winner
        // committed), the application already accepted (read after).
        var (application, workItemId) = await app.SubmitValidAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>();
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            stored.Accept("YK-TEST", HighVoltagePlan, "cm-zhang", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var response = await app.CompleteAsync(workItemId, Complete, user: "clerk-wu");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(AcceptanceApp.Json);
        Assert.Contains("no longer waiting for 受理", problem!.Detail);
        var item = await app.CreateClient().GetFromJsonAsync<WorkItemDto>($"/api/applications/work-items/{workItemId}", AcceptanceApp.Json);
        Assert.Equal("Open", item!.Status);
    }

    [Fact]
    public async Task Completing_an_unknown_work_item_is_404()
    {
        var response = await app.CompleteAsync(Guid.NewGuid(), Complete);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
