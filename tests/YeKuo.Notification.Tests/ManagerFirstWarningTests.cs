using System.Net.Http.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Tests;

/// <summary>
/// Seed 003: the 客户经理 (project manager) learns of a late step first and talks to the 责任人; the department head
/// hears of it after, through the escalation, never before the manager. Each exactly once.
/// </summary>
public sealed class ManagerFirstWarningTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private static string Someone(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    private async Task<StaffNoticeDto[]> NoticesOfAsync(string recipient) =>
        await app.CreateClient().GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={recipient}") ?? [];

    [Fact]
    public async Task Each_warning_level_reaches_the_customer_manager_and_the_assignee_once_each()
    {
        var application = new Events();
        var manager = Someone("cm-li");
        var assignee = Someone("zhao");
        var workItem = Guid.NewGuid();
        await app.PublishAsync(application.Accepted(manager));
        var half = application.Warning(workItem, DeadlineLevel.HalfUsed, assignee);
        var messageId = NewId.NextGuid();

        await app.PublishAsync(half, messageId);
        await app.PublishAsync(half, messageId);
        await app.PublishAsync(half with { }, NewId.NextGuid());
        await app.PublishAsync(application.Warning(workItem, DeadlineLevel.MostlyUsed, assignee));

        var managers = await NoticesOfAsync(manager);
        Assert.Equal(["MostlyUsed", "HalfUsed"], managers.Select(n => n.Level));
        Assert.All(managers, n => Assert.Equal((nameof(StaffNoticeAudience.CustomerManager), assignee), (n.Audience, n.Assignee)));
        Assert.Equal("客户经理超时预警：办理时限已用 50%", managers[1].Title);
        Assert.Contains($"责任人 {assignee}", managers[1].Body);
        Assert.Equal(["MostlyUsed", "HalfUsed"], (await NoticesOfAsync(assignee)).Select(n => n.Level));
    }

    [Fact]
    public async Task A_warning_reaches_the_manager_before_the_head_even_when_the_escalation_arrives_first()
    {
        var application = new Events();
        var manager = Someone("cm-wang");
        var head = Someone("head");
        var assignee = Someone("qian");
        var workItem = Guid.NewGuid();
        await app.PublishAsync(application.Accepted(manager));

        // The relay may publish the overdue warning and the escalation of one scan in either order.
        var escalation = application.Escalated(workItem, head, assignee);
        await app.PublishAsync(escalation);
        await app.PublishAsync(escalation, NewId.NextGuid());
        await app.PublishAsync(application.Warning(workItem, DeadlineLevel.Overdue, assignee));

        var managerNotice = Assert.Single(await NoticesOfAsync(manager));
        var headNotice = Assert.Single(await NoticesOfAsync(head));
        Assert.Equal(("Overdue", nameof(StaffNoticeAudience.CustomerManager)), (managerNotice.Level, managerNotice.Audience));
        Assert.Equal((nameof(StaffNoticeKind.Escalation), nameof(StaffNoticeAudience.DepartmentHead)), (headNotice.Kind, headNotice.Audience));
        Assert.True(managerNotice.CreatedAt <= headNotice.CreatedAt);
        var stored = await app.QueryAsync(db => Task.FromResult(db.StaffNotices.Where(n => n.WorkItemId == workItem).ToList()));
        Assert.Equal(3, stored.Count); // manager's 超时, assignee's 超时, head's escalation
    }

    [Fact]
    public async Task After_a_change_of_manager_the_next_warning_reaches_the_new_manager_and_an_older_acceptance_does_not_undo_it()
    {
        var application = new Events();
        var before = Someone("cm-zhang");
        var after = Someone("cm-li");
        var assignee = Someone("sun");
        await app.PublishAsync(application.Accepted(before));

        await app.PublishAsync(new CustomerManagerChanged(application.CustomerId, before, after, [application.ApplicationId], Events.At.AddDays(2)));
        await app.PublishAsync(application.Accepted(before), NewId.NextGuid());
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.HalfUsed, assignee));

        Assert.Single(await NoticesOfAsync(after));
        Assert.Empty(await NoticesOfAsync(before));
        var managerClient = app.ClientAs(after, "manager");
        var visible = await managerClient.GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={after}");
        Assert.Single(visible!);
    }
}
