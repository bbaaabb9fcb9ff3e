using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Apis;

namespace YeKuo.Notification.Tests;

/// <summary>
/// Complaints handled through the API on the service's real SQLite database: routed to an owner department with a due
/// in working days from the policy data, taken, answered and closed there, reassigned by a head, supervised by the
/// platform; every write authorized and audited.
/// </summary>
public sealed class ComplaintHandlingTests(ClockedNotificationApp app) : IClassFixture<ClockedNotificationApp>
{
    private const string Route = "/api/notifications/complaints";

    /// <summary>Recorded Friday 2026-02-13 10:00 (China): five working days run Sat 02-14 (调休), then 02-24..02-27 after 春节.</summary>
    internal static readonly DateTimeOffset DueFromPolicy = new(2026, 2, 27, 16, 0, 0, TimeSpan.Zero);

    private Task<(Events Application, ComplaintDto Complaint)> FiledAsync(string? step = null, string category = "ServiceAttitude") =>
        FiledAsync(app, step, category);

    /// <summary>A customer files a complaint about a new application (the clock stays at its start, so the due is known).</summary>
    internal static async Task<(Events Application, ComplaintDto Complaint)> FiledAsync(NotificationApp app, string? step = null, string category = "ServiceAttitude")
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());
        var response = await app.ClientAs(application.CustomerId).PostAsJsonAsync(Route,
            new { applicationId = application.ApplicationId, category, step, text = "现场勘查人员态度恶劣，多次爽约" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (application, (await response.Content.ReadFromJsonAsync<ComplaintDto>())!);
    }

    [Fact]
    public async Task A_complaint_about_a_step_goes_to_the_department_of_that_step_due_in_policy_working_days_across_the_holiday()
    {
        var (_, complaint) = await FiledAsync(step: "DesignReview");

        Assert.Equal("Inspection", complaint.OwnerDepartment);
        Assert.Equal("Received", complaint.Status);
        Assert.Equal("YK-TL-2024", complaint.PolicyVersion);
        Assert.Equal(5, complaint.LimitWorkingDays);
        Assert.Equal(DueFromPolicy, complaint.DueAt);
        Assert.False(complaint.IsOverdue);
        var published = await app.PublishedAsync<ComplaintRecorded>(e => e.ComplaintId == complaint.Id);
        Assert.Equal("Inspection", published.OwnerDepartment);
    }

    [Fact]
    public async Task A_complaint_naming_no_step_goes_to_customer_service_and_one_about_a_customer_step_to_the_department_it_is_filed_with()
    {
        var (_, general) = await FiledAsync();
        var (_, submission) = await FiledAsync(step: "DesignSubmission");

        Assert.Equal("Notification", general.OwnerDepartment);
        Assert.Equal("Inspection", submission.OwnerDepartment);
    }

    [Fact]
    public async Task Customer_service_takes_answers_and_its_head_closes_a_complaint_the_customer_follows_and_every_step_is_audited()
    {
        var (application, filed) = await FiledAsync();
        var customer = app.ClientAs(application.CustomerId);
        var staff = app.ClientAs("staff-notification");
        var head = app.ClientAs("head-notification");

        var taken = await Ok(staff.PostAsync($"{Route}/{filed.Id}/claim", null));
        Assert.Equal(("Assigned", "staff-notification"), (taken.Status, taken.Handler));

        var replied = await Ok(staff.PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "已核实，勘查人员已调整，明日上门致歉。" }));
        Assert.Equal("Replied", replied.Status);

        // 问责 is the head's call: staff cannot close.
        await Status(HttpStatusCode.Forbidden, staff.PostAsJsonAsync($"{Route}/{filed.Id}/close", new { rectification = "x", accountability = "y" }));
        var closed = await Ok(head.PostAsJsonAsync($"{Route}/{filed.Id}/close",
            new { rectification = "勘查预约改为短信确认，爽约自动提醒", accountability = "当事勘查人员通报批评，扣减当月绩效" }));
        Assert.Equal(("Closed", "勘查预约改为短信确认，爽约自动提醒", "当事勘查人员通报批评，扣减当月绩效"),
            (closed.Status, closed.Rectification, closed.Accountability));

        // The customer sees the state and the reply, not the internal notes or names.
        var seen = Assert.Single((await customer.GetFromJsonAsync<ComplaintDto[]>(Route))!, c => c.Id == filed.Id);
        Assert.Equal(("Closed", "已核实，勘查人员已调整，明日上门致歉。"), (seen.Status, seen.Reply));
        Assert.Null(seen.Accountability);
        Assert.Null(seen.Rectification);
        Assert.Null(seen.Handler);

        var history = await app.CreateClient().GetFromJsonAsync<ComplaintActionDto[]>($"{Route}/{filed.Id}/actions");
        Assert.Equal(new[] { "Recorded", "Claimed", "Replied", "Closed" }, history!.Select(a => a.Kind));
        Assert.Equal(new[] { application.CustomerId, "staff-notification", "staff-notification", "head-notification" }, history!.Select(a => a.Actor));

        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetId == filed.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            new (string, string, string?, string?, int?)[]
            {
                ("POST", application.CustomerId, null, "Received", 201),
                ("POST", "staff-notification", "Received", "Assigned", 200),
                ("POST", "staff-notification", "Assigned", "Replied", 200),
                ("POST", "staff-notification", "Replied", "Replied", 403),
                ("POST", "head-notification", "Replied", "Closed", 200),
            },
            audit.Select(e => (e.Method, e.Subject, e.StatusBefore, e.StatusAfter, e.StatusCode)).ToArray());
    }

    [Fact]
    public async Task Only_the_owner_department_acts_on_a_complaint_and_another_customer_cannot_see_it()
    {
        var (application, filed) = await FiledAsync(step: "PowerConnection");

        // A 客户经理 who does not manage this customer sees nothing of it.
        Assert.Empty((await app.ClientAs("manager-li").GetFromJsonAsync<ComplaintDto[]>($"{Route}?applicationId={application.ApplicationId}"))!);
        await Status(HttpStatusCode.NotFound, app.ClientAs("manager-li").GetAsync($"{Route}/{filed.Id}"));
        await Status(HttpStatusCode.NotFound, app.ClientAs("manager-li").GetAsync($"{Route}/{filed.Id}/actions"));
        await Status(HttpStatusCode.Forbidden, app.ClientAs("staff-inspection").PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "不是我们" }));
        await Status(HttpStatusCode.Forbidden, app.ClientAs("staff-notification").PostAsync($"{Route}/{filed.Id}/claim", null));
        await Status(HttpStatusCode.Forbidden, app.ClientAs("manager-li").PostAsync($"{Route}/{filed.Id}/claim", null));
        await Status(HttpStatusCode.Forbidden, app.ClientAs("cust-other").PostAsync($"{Route}/{filed.Id}/claim", null));
        await Status(HttpStatusCode.NotFound, app.ClientAs("cust-other").GetAsync($"{Route}/{filed.Id}"));
        await Status(HttpStatusCode.Forbidden, app.ClientAs("staff-inspection").GetAsync($"{Route}?department=Metering"));

        var answered = await Ok(app.ClientAs("staff-metering").PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "明日上午装表" }));
        Assert.Equal(("Replied", "staff-metering"), (answered.Status, answered.Handler));
        var queue = await app.ClientAs("staff-metering").GetFromJsonAsync<ComplaintDto[]>($"{Route}?department=Metering&status=replied");
        Assert.Contains(queue!, c => c.Id == filed.Id);
    }

    [Fact]
    public async Task A_head_reassigns_a_complaint_with_a_reason_kept_in_its_history_and_published_without_it()
    {
        var (application, filed) = await FiledAsync();

        await Status(HttpStatusCode.Forbidden, app.ClientAs("staff-notification").PostAsJsonAsync($"{Route}/{filed.Id}/reassign",
            new { department = "Metering", reason = "收费问题" }));
        Assert.Equal(new[] { "department", "reason" }, await NotificationApp.FieldErrorsAsync(
            await app.ClientAs("head-notification").PostAsJsonAsync($"{Route}/{filed.Id}/reassign", new { department = "Customer", reason = " " })));

        var moved = await Ok(app.ClientAs("head-notification").PostAsJsonAsync($"{Route}/{filed.Id}/reassign",
            new { department = "Metering", reason = "投诉内容为装表收费，属计量中心" }));
        Assert.Equal(("Metering", "Received", DueFromPolicy), (moved.OwnerDepartment, moved.Status, moved.DueAt));

        var history = await app.CreateClient().GetFromJsonAsync<ComplaintActionDto[]>($"{Route}/{filed.Id}/actions");
        var reassigned = Assert.Single(history!, a => a.Kind == "Reassigned");
        Assert.Equal(("head-notification", "Metering", "投诉内容为装表收费，属计量中心"), (reassigned.Actor, reassigned.Department, reassigned.Note));
        var published = await app.PublishedAsync<ComplaintReassigned>(e => e.ComplaintId == filed.Id);
        Assert.Equal(("Metering", application.ApplicationId), (published.OwnerDepartment, published.ApplicationId));
        Assert.DoesNotContain("计量中心", Assert.Single(await app.OutboxBodiesAsync<ComplaintReassigned>(application.ApplicationId)));

        // The former owner's head no longer may; once answered it stays with its owner.
        await Status(HttpStatusCode.Forbidden, app.ClientAs("head-notification").PostAsJsonAsync($"{Route}/{filed.Id}/reassign",
            new { department = "Inspection", reason = "再转" }));
        await Ok(app.ClientAs("staff-metering").PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "收费依据已说明" }));
        await Status(HttpStatusCode.Conflict, app.CreateClient().PostAsJsonAsync($"{Route}/{filed.Id}/reassign",
            new { department = "Inspection", reason = "再转" }));
    }

    [Fact]
    public async Task Out_of_order_actions_are_conflicts_and_bad_bodies_are_field_errors()
    {
        var (_, filed) = await FiledAsync();
        var head = app.ClientAs("head-notification");

        await Status(HttpStatusCode.Conflict, head.PostAsJsonAsync($"{Route}/{filed.Id}/close", new { rectification = "x", accountability = "y" }));
        Assert.Equal(new[] { "reply" }, await NotificationApp.FieldErrorsAsync(await head.PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "" })));
        await Ok(head.PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "已处理" }));
        await Status(HttpStatusCode.Conflict, head.PostAsJsonAsync($"{Route}/{filed.Id}/reply", new { reply = "再答复" }));
        await Status(HttpStatusCode.Conflict, head.PostAsync($"{Route}/{filed.Id}/claim", null));
        Assert.Equal(new[] { "accountability", "rectification" }, await NotificationApp.FieldErrorsAsync(
            await head.PostAsJsonAsync($"{Route}/{filed.Id}/close", new { rectification = new string('长', 1001) })));
        await Status(HttpStatusCode.NotFound, head.PostAsync($"{Route}/{Guid.NewGuid()}/claim", null));
        await Status(HttpStatusCode.BadRequest, head.GetAsync($"{Route}?department=Notification&status=lost"));
    }

    internal static async Task<ComplaintDto> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ComplaintDto>())!;
    }

    internal static async Task Status(HttpStatusCode expected, Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

/// <summary>Overdue complaints (its own host: the fake clock only moves forward).</summary>
public sealed class ComplaintOverdueTests(ClockedNotificationApp app) : IClassFixture<ClockedNotificationApp>
{
    private const string Route = "/api/notifications/complaints";

    [Fact]
    public async Task Past_its_due_an_open_complaint_is_overdue_for_the_customer_the_department_and_the_platform_without_its_text()
    {
        var (application, filed) = await ComplaintHandlingTests.FiledAsync(app, step: "SchemeReply");
        var (_, closedOne) = await ComplaintHandlingTests.FiledAsync(app, step: "SchemeReply");
        await ComplaintHandlingTests.Ok(app.ClientAs("staff-supplyscheme").PostAsJsonAsync($"{Route}/{closedOne.Id}/reply", new { reply = "已答复" }));
        await ComplaintHandlingTests.Ok(app.CreateClient().PostAsJsonAsync($"{Route}/{closedOne.Id}/close", new { rectification = "无", accountability = "无需问责" }));

        app.Clock.SetUtcNow(ComplaintHandlingTests.DueFromPolicy.AddMinutes(1));

        var mine = await app.ClientAs(application.CustomerId).GetFromJsonAsync<ComplaintDto>($"{Route}/{filed.Id}");
        Assert.True(mine!.IsOverdue);
        var overdue = await app.ClientAs("staff-supplyscheme").GetFromJsonAsync<ComplaintDto[]>($"{Route}?department=SupplyScheme&status=overdue");
        Assert.Contains(overdue!, c => c.Id == filed.Id);
        Assert.DoesNotContain(overdue!, c => c.Id == closedOne.Id);

        await ComplaintHandlingTests.Status(HttpStatusCode.Forbidden, app.ClientAs("staff-supplyscheme").GetAsync($"{Route}/supervision"));
        var response = await app.ClientAs("platform-ops").GetAsync($"{Route}/supervision?overdue=true");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("爽约", body);
        Assert.DoesNotContain(application.CustomerId, body);
        var supervision = JsonSerializer.Deserialize<ComplaintSupervisionDto>(body, JsonSerializerOptions.Web)!;
        var item = Assert.Single(supervision.Open, c => c.Id == filed.Id);
        Assert.True(item.IsOverdue);
        Assert.DoesNotContain(supervision.Open, c => c.Id == closedOne.Id);
        var schemeDepartment = Assert.Single(supervision.Departments, d => d.Department == "SupplyScheme");
        Assert.True(schemeDepartment.Overdue >= 1 && schemeDepartment.Open >= schemeDepartment.Overdue);
        Assert.Equal(new[] { "Acceptance", "SupplyScheme", "Inspection", "Metering", "Notification" }, supervision.Departments.Select(d => d.Department));
    }
}
