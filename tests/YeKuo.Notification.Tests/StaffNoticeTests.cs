using System.Net;
using System.Net.Http.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Tests;

/// <summary>超时预警 and escalations become staff notices (员工通知); escalations are handled (超时处理) once.</summary>
public sealed class StaffNoticeTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private static string Someone(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    /// <summary>The head of SupplyScheme, whose 供电方案答复 work items the escalations here are about.</summary>
    private HttpClient HeadClient(string head) => app.ClientAs(head, "head", "SupplyScheme");

    private async Task<StaffNoticeDto[]> NoticesOfAsync(string recipient) =>
        await app.CreateClient().GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={recipient}") ?? [];

    [Fact]
    public async Task A_warning_whose_due_reaches_into_a_year_without_a_holiday_notice_says_the_due_is_assumed()
    {
        var application = new Events();
        var assignee = Someone("zhao");

        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.HalfUsed, assignee) with { DueAssumedYears = [2027] });

        var notice = Assert.Single(await NoticesOfAsync(assignee));
        Assert.Contains("2027 年节假日安排未发布，按周末推算", notice.Body);
    }

    [Fact]
    public async Task Each_warning_level_notifies_the_assignee_once_even_when_redelivered_or_republished_under_another_id()
    {
        var application = new Events();
        var workItem = Guid.NewGuid();
        var assignee = Someone("wang");
        var half = application.Warning(workItem, DeadlineLevel.HalfUsed, assignee);
        var messageId = NewId.NextGuid();

        await app.PublishAsync(half, messageId);
        await app.PublishAsync(half, messageId);
        await app.PublishAsync(half with { }, NewId.NextGuid());
        await app.PublishAsync(application.Warning(workItem, DeadlineLevel.MostlyUsed, assignee));
        await app.PublishAsync(application.Warning(workItem, DeadlineLevel.MostlyUsed, assignee));
        await app.PublishAsync(application.Warning(workItem, DeadlineLevel.Overdue, assignee));

        var notices = await NoticesOfAsync(assignee);
        Assert.Equal(["Overdue", "MostlyUsed", "HalfUsed"], notices.Select(n => n.Level));
        Assert.Equal(
            [nameof(StaffNoticeKind.OverdueWarning), nameof(StaffNoticeKind.MostlyUsedWarning), nameof(StaffNoticeKind.HalfUsedWarning)],
            notices.Select(n => n.Kind));
        Assert.All(notices, n =>
        {
            Assert.Equal(workItem, n.WorkItemId);
            Assert.Equal(assignee, n.Recipient);
            Assert.Equal(nameof(Department.SupplyScheme), n.Department);
            Assert.Equal(nameof(Step.SchemeReply), n.Step);
            Assert.Contains(application.ApplicationNumber, n.Body);
        });
        Assert.Equal("超时预警：办理时限已用 50%", notices[2].Title);
        // Due 2026-03-12 02:00 UTC is 10:00 Beijing time.
        Assert.Equal($"用电申请 {application.ApplicationNumber} 的供电方案答复工单已用去一半办理时限，请于 2026-03-12 10:00 前办结。", notices[2].Body);
    }

    [Fact]
    public async Task Copies_of_a_warning_consumed_at_the_same_time_yield_one_notice()
    {
        var application = new Events();
        var assignee = Someone("zhao");
        var warning = application.Warning(Guid.NewGuid(), DeadlineLevel.Overdue, assignee, Step.CompletionAcceptance);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.PublishAsync(warning, NewId.NextGuid())));

        var notice = Assert.Single(await NoticesOfAsync(assignee));
        Assert.Equal(nameof(Department.Inspection), notice.Department);
    }

    [Fact]
    public async Task A_warning_for_an_unassigned_work_item_goes_to_the_department_queue()
    {
        var application = new Events();

        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.MostlyUsed, assignee: null, Step.PowerConnection));

        var queue = await app.CreateClient().GetFromJsonAsync<StaffNoticeDto[]>("/api/notifications/staff?department=Metering");
        var notice = Assert.Single(queue!, n => n.ApplicationId == application.ApplicationId);
        Assert.Null(notice.Recipient);
        Assert.Null(notice.Assignee);
        Assert.Equal(nameof(Department.Metering), notice.Department);
        Assert.EndsWith("该工单尚未指派责任人，请部门尽快指派。", notice.Body);
    }

    [Fact]
    public async Task An_escalation_notifies_the_department_head_named_in_the_event_once()
    {
        var application = new Events();
        var workItem = Guid.NewGuid();
        var head = Someone("head-li");
        var assignee = Someone("chen");
        var escalated = application.Escalated(workItem, head, assignee);

        await app.PublishAsync(escalated);
        await app.PublishAsync(escalated with { }, NewId.NextGuid());

        var notice = Assert.Single(await NoticesOfAsync(head));
        Assert.Equal(nameof(StaffNoticeKind.Escalation), notice.Kind);
        Assert.Null(notice.Level);
        Assert.Equal(assignee, notice.Assignee);
        Assert.Null(notice.HandledAt);
        Assert.Equal("超时督办：供电方案答复工单已超时", notice.Title);
        Assert.Contains($"责任人 {assignee}。请督办并记录超时处理情况。", notice.Body);
        Assert.Empty(await NoticesOfAsync(assignee));
    }

    [Fact]
    public async Task Handling_an_escalation_records_who_and_what_once_and_a_second_handling_is_a_conflict()
    {
        var application = new Events();
        var head = Someone("head-zhou");
        await app.PublishAsync(application.Escalated(Guid.NewGuid(), head, assignee: null));
        var escalation = Assert.Single(await NoticesOfAsync(head));
        var client = HeadClient(head);

        var first = await client.PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle",
            new { handledBy = head, action = "已改派给孙工，要求明日办结" });
        var second = await HeadClient("another-head").PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle",
            new { action = "再次处理" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var handled = await first.Content.ReadFromJsonAsync<StaffNoticeDto>();
        Assert.Equal(head, handled!.HandledBy);
        Assert.Equal("已改派给孙工，要求明日办结", handled.HandlingAction);
        Assert.NotNull(handled.HandledAt);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var stored = await client.GetFromJsonAsync<StaffNoticeDto>($"/api/notifications/staff/{escalation.Id}");
        Assert.Equal(head, stored!.HandledBy);
        Assert.Equal(handled.HandledAt, stored.HandledAt);
    }

    [Fact]
    public async Task Concurrent_handlings_of_one_escalation_record_exactly_one()
    {
        var application = new Events();
        var head = Someone("head-wu");
        await app.PublishAsync(application.Escalated(Guid.NewGuid(), head, assignee: null));
        var escalation = Assert.Single(await NoticesOfAsync(head));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            HeadClient($"head-{i}").PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle", new { action = "督办" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Handling_without_who_or_what_is_a_bad_request_with_field_errors()
    {
        var application = new Events();
        var head = Someone("head-qian");
        await app.PublishAsync(application.Escalated(Guid.NewGuid(), head, assignee: null));
        var escalation = Assert.Single(await NoticesOfAsync(head));

        var response = await HeadClient(head).PostAsJsonAsync($"/api/notifications/staff/{escalation.Id}/handle",
            new { handledBy = " ", action = new string('改', StaffNoticesApi.MaxActionLength + 1) });

        Assert.Equal(["action", "handledBy"], await NotificationApp.FieldErrorsAsync(response));
        Assert.Null((await app.CreateClient().GetFromJsonAsync<StaffNoticeDto>($"/api/notifications/staff/{escalation.Id}"))!.HandledAt);
    }

    [Fact]
    public async Task A_warning_is_not_handled_like_an_escalation()
    {
        var application = new Events();
        var assignee = Someone("sun");
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.Overdue, assignee));
        var warning = Assert.Single(await NoticesOfAsync(assignee));

        var response = await HeadClient("head-sun").PostAsJsonAsync($"/api/notifications/staff/{warning.Id}/handle",
            new { action = "已办结" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Handling_an_unknown_notice_is_not_found()
    {
        var response = await HeadClient("head").PostAsJsonAsync($"/api/notifications/staff/{Guid.NewGuid()}/handle",
            new { action = "督办" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Marking_a_staff_notice_read_keeps_the_first_read_time()
    {
        var application = new Events();
        var assignee = Someone("liu");
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.HalfUsed, assignee));
        var notice = Assert.Single(await NoticesOfAsync(assignee));
        var client = app.ClientAs(assignee, "staff", "SupplyScheme");

        var first = await (await client.PostAsync($"/api/notifications/staff/{notice.Id}/read", null)).Content.ReadFromJsonAsync<StaffNoticeDto>();
        var again = await (await client.PostAsync($"/api/notifications/staff/{notice.Id}/read", null)).Content.ReadFromJsonAsync<StaffNoticeDto>();

        Assert.NotNull(first!.ReadAt);
        Assert.Equal(first.ReadAt, again!.ReadAt);
    }

    [Theory]
    [InlineData("/api/notifications/staff")]
    [InlineData("/api/notifications/staff?department=Sales")]
    [InlineData("/api/notifications/staff?department=1")]
    [InlineData("/api/notifications/staff?recipient=wang&limit=0")]
    public async Task Listing_staff_notices_without_a_valid_filter_is_a_bad_request(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Staff_notices_stay_in_the_in_app_inbox_unless_staff_channels_are_configured()
    {
        var application = new Events();
        var assignee = Someone("he");
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.HalfUsed, assignee));
        await app.PublishAsync(application.Submitted());
        var customerNotice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));

        // Customer notices still go out by SMS and e-mail; the staff notice does not.
        await NotificationApp.WaitUntilAsync(() => app.Sender.Sent.Any(s => s.NoticeId == customerNotice.Id), "The customer notice was not sent.");
        await Task.Delay(300);

        Assert.Single(await NoticesOfAsync(assignee));
        Assert.Empty(app.StaffSender.Sent);
    }
}

/// <summary>With <c>Notification:Delivery:StaffChannels</c> set, staff notices go out over those channels too.</summary>
public sealed class StaffNoticeDeliveryTests(StaffSmsNotificationApp app) : IClassFixture<StaffSmsNotificationApp>
{
    [Fact]
    public async Task Configured_staff_channels_send_each_staff_notice_once()
    {
        var application = new Events();
        var assignee = $"ma-{Guid.NewGuid():N}"[..16];
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.Overdue, assignee));
        var notice = Assert.Single((await app.CreateClient().GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={assignee}"))!);

        await NotificationApp.WaitUntilAsync(() => app.StaffSender.Sent.Any(s => s.NoticeId == notice.Id), "The staff notice was not sent by SMS.");
        await Task.Delay(400); // more delivery ticks: nothing is sent again

        Assert.Equal([NoticeChannel.Sms], app.StaffSender.Sent.Where(s => s.NoticeId == notice.Id).Select(s => s.Channel));
    }
}
