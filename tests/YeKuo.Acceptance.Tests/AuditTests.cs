using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Messaging.Audit;

namespace YeKuo.Acceptance.Tests;

/// <summary>受理's audit trail: submit, accept, reject and withdraw each leave one row with the status before and after.</summary>
public sealed class AuditTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly object Complete = new { documentsComplete = true, remarks = "资料齐全" };

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(Guid targetId)
    {
        var response = await AcceptanceApp.ExpectAsync(HttpStatusCode.OK, app.CreateClient().GetAsync($"/admin/audit?targetId={targetId}"));
        return (await response.Content.ReadFromJsonAsync<AuditApi.AuditPage>(AcceptanceApp.Json))!.Items;
    }

    [Fact]
    public async Task Submitting_records_the_new_application_as_Submitted_by_its_customer()
    {
        var (application, _) = await app.SubmitValidAsync();

        var entry = Assert.Single(await AuditAsync(application.Id));
        Assert.Equal(("cust-1", "customer", null), (entry.Subject, entry.Role, entry.Department));
        Assert.Equal(("POST", "/api/applications", 201), (entry.Method, entry.Route, entry.StatusCode));
        Assert.Equal((application.Id, application.Id), (entry.TargetId, entry.ApplicationId));
        Assert.Equal((null, "Submitted"), (entry.StatusBefore, entry.StatusAfter));
    }

    [Fact]
    public async Task Accepting_records_the_clerk_and_the_work_item_going_from_Open_to_Completed()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        await AcceptanceApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(workItemId, Complete, user: "clerk-wu"));

        var entry = Assert.Single(await AuditAsync(workItemId));
        Assert.Equal(("clerk-wu", "clerk"), (entry.Subject, entry.Role));
        Assert.Equal(("/api/applications/work-items/{id}/complete", 200), (entry.Route, entry.StatusCode));
        Assert.Equal(application.Id, entry.ApplicationId);
        Assert.Equal(("Open", "Completed"), (entry.StatusBefore, entry.StatusAfter));
        // Under the application's id: its submission and its acceptance, newest first.
        Assert.Equal(["/api/applications/work-items/{id}/complete", "/api/applications"], (await AuditAsync(application.Id)).Select(e => e.Route).ToArray());
    }

    [Fact]
    public async Task Rejecting_records_who_rejected_and_the_application_going_from_Submitted_to_Rejected()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        await AcceptanceApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/applications/work-items/{workItemId}/reject", new { reasons = new[] { "资料不全: 缺少产权证明" } }, user: "clerk-wu"));

        var entry = Assert.Single(await AuditAsync(workItemId));
        Assert.Equal(("clerk-wu", "/api/applications/work-items/{workItemId}/reject", 200), (entry.Subject, entry.Route, entry.StatusCode));
        Assert.Equal(application.Id, entry.ApplicationId);
        Assert.Equal(("Submitted", "Rejected"), (entry.StatusBefore, entry.StatusAfter));

        // Rejecting again is refused and changes nothing.
        await AcceptanceApp.ExpectAsync(HttpStatusCode.Conflict,
            app.PostAsync($"/api/applications/work-items/{workItemId}/reject", new { reasons = new[] { "again" } }, user: "clerk-li"));
        var refused = Assert.Single(await AuditAsync(workItemId), e => e.Subject == "clerk-li");
        Assert.Equal((409, "Rejected", "Rejected"), (refused.StatusCode, refused.StatusBefore, refused.StatusAfter));
    }

    [Fact]
    public async Task Withdrawing_is_recorded_and_someone_elses_attempt_is_recorded_as_a_404_with_nothing_changed()
    {
        var (application, _) = await app.SubmitValidAsync();

        await AcceptanceApp.ExpectAsync(HttpStatusCode.NotFound,
            app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "恶作剧" }, user: "cust-2"));
        await AcceptanceApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/applications/{application.Id}/withdraw", new { reason = "项目取消" }, user: "cust-1"));

        var entries = await AuditAsync(application.Id);
        var withdrawal = Assert.Single(entries, e => e.Subject == "cust-1" && e.Route.EndsWith("/withdraw"));
        Assert.Equal((200, "Submitted", "Withdrawn"), (withdrawal.StatusCode, withdrawal.StatusBefore, withdrawal.StatusAfter));
        var attempt = Assert.Single(entries, e => e.Subject == "cust-2");
        Assert.Equal(("/api/applications/{id}/withdraw", 404), (attempt.Route, attempt.StatusCode));
        Assert.Equal(attempt.StatusBefore, attempt.StatusAfter);
    }

    [Fact]
    public async Task The_audit_never_contains_the_applicants_identity_number_or_phone()
    {
        var request = Requests.Residential();
        var identityNumber = (string)request["identityNumber"]!;
        var phone = (string)request["contactPhone"]!;
        var (application, workItemId) = await app.SubmitValidAsync(request);
        // Refused submissions are audited too: a customer naming another customer, and an invalid phone.
        await AcceptanceApp.ExpectAsync(HttpStatusCode.BadRequest, app.SubmitAsync(Requests.With(Requests.Residential(), ("customerId", "cust-other"))));
        await AcceptanceApp.ExpectAsync(HttpStatusCode.BadRequest, app.SubmitAsync(Requests.With(Requests.Residential(), ("contactPhone", "1399700567"))));
        await AcceptanceApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/applications/work-items/{workItemId}/reject", new { reasons = new[] { $"联系电话 {phone} 无法接通" } }, user: "clerk-wu"));

        // Through the API and straight from the table: ids, routes and statuses only, never a body.
        var api = await (await app.CreateClient().GetAsync("/admin/audit?pageSize=200")).Content.ReadAsStringAsync();
        using var scope = app.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>().AuditEntries.AsNoTracking().ToListAsync();
        var table = JsonSerializer.Serialize(rows);
        Assert.Contains(application.Id.ToString(), api);
        Assert.Contains(rows, e => e.StatusCode == 400 && e.Route == "/api/applications");
        foreach (var text in new[] { api, table })
        {
            Assert.DoesNotContain(identityNumber, text);
            Assert.DoesNotContain(phone, text);
            Assert.DoesNotContain("王小明", text);
            Assert.DoesNotContain("五四大街", text);
            Assert.DoesNotContain("无法接通", text);
        }
    }
}
