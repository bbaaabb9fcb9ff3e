using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts;
using YeKuo.Notification.Apis;

namespace YeKuo.Notification.Tests;

/// <summary>
/// The ownership rules of Acceptance, applied to every Notification endpoint: a customer sees their own applications'
/// data, a 客户经理 their own customers' (anything else answers 404, or an empty list), staff their department's staff
/// notices; only a notice's owner marks it read, and only the department head handles an escalation, as themselves.
/// </summary>
public sealed class IsolationTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private static string Someone(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>An application managed by <paramref name="manager"/> with a notice, a follow-up, a complaint and a staff warning.</summary>
    private async Task<(Events Application, NoticeDto Notice, FollowUpDto FollowUp, ComplaintDto Complaint, StaffNoticeDto Warning)> ApplicationOfAsync(string manager, string assignee)
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());
        await app.PublishAsync(application.Accepted(manager));
        await app.PublishAsync(application.PowerConnected());
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.HalfUsed, assignee, Step.SchemeReply));
        var customer = app.ClientAs(application.CustomerId);
        var notice = (await customer.GetFromJsonAsync<NoticeDto[]>($"/api/notifications?applicationId={application.ApplicationId}"))!.First();
        var followUp = Assert.Single((await customer.GetFromJsonAsync<FollowUpDto[]>($"/api/notifications/follow-ups?applicationId={application.ApplicationId}"))!);
        using var complained = await customer.PostAsJsonAsync("/api/notifications/complaints",
            new { applicationId = application.ApplicationId, category = "Timeliness", text = "接电太慢" });
        Assert.Equal(HttpStatusCode.Created, complained.StatusCode);
        var complaint = (await complained.Content.ReadFromJsonAsync<ComplaintDto>())!;
        var warning = Assert.Single((await app.CreateClient().GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={assignee}"))!);
        return (application, notice, followUp, complaint, warning);
    }

    [Fact]
    public async Task A_customer_manager_reads_only_their_own_customers_notices_follow_ups_complaints_and_staff_notices()
    {
        var manager = Someone("manager-own");
        var (application, notice, followUp, complaint, warning) = await ApplicationOfAsync(manager, Someone("staff-ss"));
        var id = application.ApplicationId;
        var own = app.ClientAs(manager);

        Assert.Contains(await ListAsync<NoticeDto>(own, $"/api/notifications?applicationId={id}"), n => n.Id == notice.Id);
        Assert.Contains(await ListAsync<NoticeDto>(own, $"/api/notifications?customerId={application.CustomerId}"), n => n.Id == notice.Id);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/notifications/{notice.Id}")).StatusCode);
        Assert.Contains(await ListAsync<FollowUpDto>(own, "/api/notifications/follow-ups"), f => f.Id == followUp.Id);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/notifications/follow-ups/{followUp.Id}")).StatusCode);
        Assert.Single(await ListAsync<ComplaintDto>(own, $"/api/notifications/complaints?applicationId={id}"));
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/notifications/complaints/{complaint.Id}")).StatusCode);
        Assert.Contains(await ListAsync<StaffNoticeDto>(own, "/api/notifications/staff?department=SupplyScheme"), n => n.Id == warning.Id);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/notifications/staff/{warning.Id}")).StatusCode);

        // Another manager, and one who manages nobody: nothing of this application, by any filter.
        foreach (var other in new[] { app.ClientAs(Someone("manager-other")), app.ClientAs("manager-of-nobody") })
        {
            Assert.Empty(await ListAsync<NoticeDto>(other, $"/api/notifications?applicationId={id}"));
            Assert.Empty(await ListAsync<NoticeDto>(other, $"/api/notifications?customerId={application.CustomerId}"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/notifications/{notice.Id}")).StatusCode);
            Assert.DoesNotContain(await ListAsync<FollowUpDto>(other, "/api/notifications/follow-ups"), f => f.ApplicationId == id);
            Assert.Empty(await ListAsync<FollowUpDto>(other, $"/api/notifications/follow-ups?applicationId={id}"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/notifications/follow-ups/{followUp.Id}")).StatusCode);
            Assert.Empty(await ListAsync<ComplaintDto>(other, $"/api/notifications/complaints?applicationId={id}"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/notifications/complaints/{complaint.Id}")).StatusCode);
            Assert.DoesNotContain(await ListAsync<StaffNoticeDto>(other, "/api/notifications/staff?department=SupplyScheme"), n => n.ApplicationId == id);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/notifications/staff/{warning.Id}")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await other.PostAsync($"/api/notifications/{notice.Id}/read", null)).StatusCode);
        }
    }

    [Fact]
    public async Task Only_the_customer_who_owns_a_notice_marks_it_read()
    {
        var manager = Someone("manager-read");
        var (application, notice, _, _, _) = await ApplicationOfAsync(manager, Someone("staff-ss"));

        foreach (var (user, role, department) in new[] { (manager, "manager", null), ("clerk-read", "clerk", null), ("staff-read", "staff", "Notification"),
            ("head-read", "head", "Notification"), (Someone("cust-other"), "customer", null), ("admin-read", "admin", (string?)null) })
        {
            using var response = await app.ClientAs(user, role, department).PostAsync($"/api/notifications/{notice.Id}/read", null);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{user}: {(int)response.StatusCode}");
        }
        Assert.Null((await app.ClientAs(application.CustomerId).GetFromJsonAsync<NoticeDto>($"/api/notifications/{notice.Id}"))!.ReadAt);

        using var owner = await app.ClientAs(application.CustomerId).PostAsync($"/api/notifications/{notice.Id}/read", null);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.NotNull((await owner.Content.ReadFromJsonAsync<NoticeDto>())!.ReadAt);
    }

    [Fact]
    public async Task Staff_read_their_own_departments_staff_notices_and_only_the_recipient_marks_one_read()
    {
        var assignee = Someone("surveyor");
        var (_, _, _, _, warning) = await ApplicationOfAsync(Someone("manager-s"), assignee);
        var inspector = app.ClientAs("inspector-1", "staff", "Inspection");
        var colleague = app.ClientAs("surveyor-colleague", "staff", "SupplyScheme");

        // Another department's staff: not their department's notices, not by recipient, not by id.
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/api/notifications/staff?department=SupplyScheme")).StatusCode);
        Assert.Empty(await ListAsync<StaffNoticeDto>(inspector, $"/api/notifications/staff?recipient={assignee}"));
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/api/notifications/staff/{warning.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.PostAsync($"/api/notifications/staff/{warning.Id}/read", null)).StatusCode);

        // A colleague sees the department's notices but does not mark someone else's read.
        Assert.Contains(await ListAsync<StaffNoticeDto>(colleague, "/api/notifications/staff?department=SupplyScheme"), n => n.Id == warning.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsync($"/api/notifications/staff/{warning.Id}/read", null)).StatusCode);
        using var read = await app.ClientAs(assignee, "staff", "SupplyScheme").PostAsync($"/api/notifications/staff/{warning.Id}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Only_the_department_head_handles_an_escalation_and_is_recorded_as_the_one_who_did()
    {
        var application = new Events();
        var head = "head-" + Guid.NewGuid().ToString("N")[..8];
        await app.PublishAsync(application.Escalated(Guid.NewGuid(), head, assignee: "staff-supplyscheme"));
        var escalation = Assert.Single((await app.CreateClient().GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={head}"))!);

        using var byStaff = await app.ClientAs("surveyor-2", "staff", "SupplyScheme").PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle",
            new { action = "自己督办自己" });
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        using var otherHead = await app.ClientAs("head-inspection", "head", "Inspection").PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle",
            new { action = "越权处理" });
        Assert.True(otherHead.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)otherHead.StatusCode}");
        using var spoofed = await app.ClientAs(head, "head", "SupplyScheme").PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle",
            new { handledBy = "someone-else", action = "冒名处理" });
        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);

        using var handled = await app.ClientAs(head, "head", "SupplyScheme").PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle", new { action = "已改派" });
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        Assert.Equal(head, (await handled.Content.ReadFromJsonAsync<StaffNoticeDto>())!.HandledBy);
    }

    private static async Task<T[]> ListAsync<T>(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T[]>())!;
    }
}
