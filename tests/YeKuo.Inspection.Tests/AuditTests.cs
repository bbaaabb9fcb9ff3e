using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts;
using YeKuo.Messaging.Audit;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Inspection.Tests;

/// <summary>
/// The audit trail of the generic worklist (here 工程检查's): every state-changing request, accepted or refused, is one
/// row with who, what, when, the request id and the work item's status before and after; admins read it at /admin/audit.
/// </summary>
public sealed class AuditTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly DateTimeOffset Monday10 = InspectionApp.Monday10China;

    private async Task<(Handoffs Application, WorkItemDto Review)> OpenDesignReviewAsync()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        // The customer's design documents, submitted Monday 10:00, open the design review.
        await app.PublishAsync(application.Completed(Step.DesignSubmission, Monday10.AddDays(-20), Monday10));
        return (application, await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview"));
    }

    private async Task<AuditApi.AuditPage> AuditAsync(string query)
    {
        var response = await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CreateClient().GetAsync("/admin/audit?" + query));
        return (await response.Content.ReadFromJsonAsync<AuditApi.AuditPage>(InspectionApp.Json))!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? requestId = null, bool resent = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: InspectionApp.Json) };
        if (requestId is not null)
        {
            request.Headers.Add("X-Request-Id", requestId);
        }
        if (resent)
        {
            request.Headers.Add("X-Request-Resent", "1");
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_resent_write_whose_first_copy_committed_is_answered_409_already_carried_out_and_not_carried_out_again()
    {
        var (_, review) = await OpenDesignReviewAsync();
        var requestId = "resent-" + Guid.NewGuid().ToString("N");
        var path = $"/api/inspection/work-items/{review.Id}/complete";
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, PostAsync(app.ClientAs("staff-wang"), path, new { passed = true }, requestId));

        // The gateway sends it again: the first copy's answer was lost with the service's process.
        var resent = await PostAsync(app.ClientAs("staff-wang"), path, new { passed = true }, requestId, resent: true);

        Assert.Equal(HttpStatusCode.Conflict, resent.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await resent.Content.ReadAsStringAsync());
        Assert.Equal("This request was already carried out.", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(requestId, problem.RootElement.GetProperty("requestId").GetString());
        Assert.Equal(200, problem.RootElement.GetProperty("answeredStatus").GetInt32());
        Assert.Equal(review.Id, problem.RootElement.GetProperty("targetId").GetGuid());
        // It never reached the endpoint: the one row is the first copy's.
        var entry = Assert.Single((await AuditAsync($"targetId={review.Id}")).Items);
        Assert.Equal((200, requestId), (entry.StatusCode, entry.RequestId));
    }

    [Fact]
    public async Task A_resent_write_whose_first_copy_never_committed_is_carried_out()
    {
        var (_, review) = await OpenDesignReviewAsync();
        var requestId = "resent-" + Guid.NewGuid().ToString("N");

        await InspectionApp.ExpectAsync(HttpStatusCode.OK,
            PostAsync(app.ClientAs("staff-wang"), $"/api/inspection/work-items/{review.Id}/complete", new { passed = true }, requestId, resent: true));

        var entry = Assert.Single((await AuditAsync($"targetId={review.Id}")).Items);
        Assert.Equal(("Open", "Completed", 200), (entry.StatusBefore, entry.StatusAfter, entry.StatusCode));
    }

    [Fact]
    public async Task A_resent_write_is_matched_only_to_a_first_copy_of_the_same_user()
    {
        var (_, review) = await OpenDesignReviewAsync();
        var requestId = "resent-" + Guid.NewGuid().ToString("N");
        var path = $"/api/inspection/work-items/{review.Id}/complete";
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, PostAsync(app.ClientAs("staff-wang"), path, new { passed = true }, requestId));

        var other = await PostAsync(app.ClientAs("staff-zhao"), path, new { passed = true }, requestId, resent: true);

        // Carried to the endpoint like any request: the item is already completed.
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.DoesNotContain("already carried out", await other.Content.ReadAsStringAsync());
        Assert.Equal(2, (await AuditAsync($"targetId={review.Id}")).Items.Count);
    }

    [Fact]
    public async Task Completing_a_work_item_records_who_did_it_and_the_status_before_and_after()
    {
        var (application, review) = await OpenDesignReviewAsync();
        var requestId = "audit-" + Guid.NewGuid().ToString("N");

        await InspectionApp.ExpectAsync(HttpStatusCode.OK,
            PostAsync(app.ClientAs("staff-wang"), $"/api/inspection/work-items/{review.Id}/complete", new { passed = true, remarks = "设计符合规范" }, requestId));

        var page = await AuditAsync($"targetId={review.Id}");
        var entry = Assert.Single(page.Items);
        Assert.Equal(("staff-wang", "staff", "Inspection"), (entry.Subject, entry.Role, entry.Department));
        Assert.Equal(("POST", "/api/inspection/work-items/{id}/complete"), (entry.Method, entry.Route));
        Assert.Equal((review.Id, application.ApplicationId), (entry.TargetId, entry.ApplicationId));
        Assert.Equal(200, entry.StatusCode);
        Assert.Equal(("Open", "Completed"), (entry.StatusBefore, entry.StatusAfter));
        Assert.Equal(requestId, entry.RequestId);
        Assert.Equal(Monday10, entry.OccurredAt);
        Assert.Matches("^[0-9a-f]{32}$", entry.TraceId);

        // The same row by request id, by subject, and under the application's id.
        Assert.Equal(entry.Id, Assert.Single((await AuditAsync($"requestId={requestId}")).Items).Id);
        Assert.Contains((await AuditAsync("subject=staff-wang")).Items, e => e.Id == entry.Id);
        Assert.Contains((await AuditAsync($"targetId={application.ApplicationId}")).Items, e => e.Id == entry.Id);
    }

    [Fact]
    public async Task A_refused_request_is_audited_with_its_status_code_and_no_state_change()
    {
        var (_, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/complete", new { passed = true }));

        // 409: a completed item cannot be claimed; 400: a pause needs a reason; 403: customers do not claim
        // inspection work; 404: no such item. None of them changes anything, and each is recorded.
        await InspectionApp.ExpectAsync(HttpStatusCode.Conflict, app.PostAsync($"/api/inspection/work-items/{review.Id}/claim", null, user: "staff-zhao"));
        await InspectionApp.ExpectAsync(HttpStatusCode.BadRequest, app.PostAsync($"/api/inspection/work-items/{review.Id}/pause", new { reason = "" }, user: "staff-zhao"));
        await InspectionApp.ExpectAsync(HttpStatusCode.Forbidden, app.PostAsync($"/api/inspection/work-items/{review.Id}/claim", null, user: "cust-9"));
        var missing = Guid.NewGuid();
        await InspectionApp.ExpectAsync(HttpStatusCode.NotFound, app.PostAsync($"/api/inspection/work-items/{missing}/resume", null, user: "staff-zhao"));

        var entries = (await AuditAsync($"targetId={review.Id}")).Items;
        var conflict = Assert.Single(entries, e => e.StatusCode == 409);
        Assert.Equal(("staff-zhao", "/api/inspection/work-items/{id}/claim"), (conflict.Subject, conflict.Route));
        Assert.Equal(("Completed", "Completed"), (conflict.StatusBefore, conflict.StatusAfter));
        var invalid = Assert.Single(entries, e => e.StatusCode == 400);
        Assert.Equal("/api/inspection/work-items/{id}/pause", invalid.Route);
        Assert.Equal(invalid.StatusBefore, invalid.StatusAfter);
        var forbidden = Assert.Single(entries, e => e.StatusCode == 403);
        Assert.Equal(("cust-9", "customer", review.Id), (forbidden.Subject, forbidden.Role, forbidden.TargetId));
        Assert.Equal(forbidden.StatusBefore, forbidden.StatusAfter);
        var notFound = Assert.Single((await AuditAsync($"targetId={missing}")).Items);
        Assert.Equal((404, "/api/inspection/work-items/{id}/resume", "staff-zhao"), (notFound.StatusCode, notFound.Route, notFound.Subject));
        Assert.Null(notFound.StatusAfter);

        Assert.Equal("Completed", Assert.Single(await app.WorkItemsAsync(review.ApplicationId), w => w.Id == review.Id).Status);
    }

    [Fact]
    public async Task The_audit_is_newest_first_and_paged()
    {
        var (_, review) = await OpenDesignReviewAsync();
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/claim", null));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/pause", new { reason = "客户资料不全" }));
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/inspection/work-items/{review.Id}/resume", null));

        var first = await AuditAsync($"targetId={review.Id}&pageSize=2");
        Assert.Equal((1, 2, 3), (first.Page, first.PageSize, first.Total));
        Assert.Equal(
            [("/api/inspection/work-items/{id}/resume", "Paused", "InProgress"), ("/api/inspection/work-items/{id}/pause", "InProgress", "Paused")],
            first.Items.Select(e => (e.Route, e.StatusBefore, e.StatusAfter)).ToArray());
        var second = await AuditAsync($"targetId={review.Id}&pageSize=2&page=2");
        var claim = Assert.Single(second.Items);
        Assert.Equal(("/api/inspection/work-items/{id}/claim", "Open", "InProgress"), (claim.Route, claim.StatusBefore, claim.StatusAfter));

        // Reads are not audited.
        await app.CreateClient().GetAsync($"/api/inspection/work-items/{review.Id}");
        Assert.Equal(3, (await AuditAsync($"targetId={review.Id}")).Total);

        // A time window that ends before the requests finds none of them.
        Assert.Equal(0, (await AuditAsync($"targetId={review.Id}&to=2026-03-01T00:00:00Z")).Total);
        Assert.Equal(3, (await AuditAsync($"targetId={review.Id}&from=2026-03-02&to=2026-03-03")).Total);
    }

    [Fact]
    public async Task Only_admins_can_read_the_audit()
    {
        foreach (var user in new[] { "staff-1", "head-1", "cust-1", "clerk-1", "manager-1", "platform-1", "partner-1" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(user).GetAsync("/admin/audit")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientAs("admin-1").GetAsync("/admin/audit")).StatusCode);
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-40", "to")]
    [InlineData("from=2026-03-03&to=2026-03-02", "to")]
    [InlineData("targetId=not-a-guid", "targetId")]
    public async Task Bad_audit_query_input_is_a_400(string query, string field)
    {
        var response = await app.CreateClient().GetAsync("/admin/audit?" + query);

        var errors = await InspectionApp.ValidationErrorsAsync(response);
        Assert.Contains(field, errors.Keys);
    }
}
