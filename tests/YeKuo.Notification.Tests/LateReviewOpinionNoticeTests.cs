using System.Net.Http.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Tests;

/// <summary>A late review opinion (并行审批) reaches the reviewing department's reviewers and its head, once each.</summary>
public sealed class LateReviewOpinionNoticeTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private static SchemeReviewOpinionOverdue Late(Events application, Guid round, string key, Department department, string head) =>
        new(Guid.NewGuid(), application.ApplicationId, application.ApplicationNumber, round, 1, key, department, head,
            new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.FromHours(8)), Events.At.AddDays(3));

    [Fact]
    public async Task A_late_opinion_notifies_the_reviewing_departments_queue_and_head_once_each_even_when_redelivered_or_republished()
    {
        var application = new Events();
        var round = Guid.NewGuid();
        var head = $"head-insp-{Guid.NewGuid():N}"[..20];
        var operations = Late(application, round, "operations", Department.Inspection, head);
        var metering = Late(application, round, "metering", Department.Metering, "head-metering") with { ReviewId = operations.ReviewId };
        var messageId = NewId.NextGuid();

        await app.PublishAsync(operations, messageId);
        await app.PublishAsync(operations, messageId);
        await app.PublishAsync(operations with { }, NewId.NextGuid());
        await app.PublishAsync(metering);

        var client = app.CreateClient();
        var queue = (await client.GetFromJsonAsync<StaffNoticeDto[]>("/api/notifications/staff?department=Inspection"))!
            .Where(n => n.ApplicationId == application.ApplicationId).ToArray();
        Assert.Equal(2, queue.Length);
        var reviewers = Assert.Single(queue, n => n.Recipient is null);
        Assert.Equal((nameof(StaffNoticeKind.LateReviewOpinion), round, nameof(Step.SchemeReply)), (reviewers.Kind, reviewers.WorkItemId, reviewers.Step));
        Assert.Equal($"审查意见超时：{DepartmentName(Department.Inspection)}的供电方案审查意见逾期", reviewers.Title);
        Assert.Equal($"用电申请 {application.ApplicationNumber} 的供电方案（第 1 版）需{DepartmentName(Department.Inspection)}审查意见，"
            + "应于 2026-03-05 00:00 前给出，至今未给出。请本部门审查人员尽快审查并给出意见。", reviewers.Body);
        var toHead = Assert.Single((await client.GetFromJsonAsync<StaffNoticeDto[]>($"/api/notifications/staff?recipient={head}"))!);
        Assert.Equal(nameof(StaffNoticeKind.LateReviewOpinion), toHead.Kind);
        Assert.EndsWith("请督促本部门审查人员尽快给出意见。", toHead.Body);

        // The other department of the same revision hears of its own late opinion; each once.
        var meteringQueue = (await client.GetFromJsonAsync<StaffNoticeDto[]>("/api/notifications/staff?department=Metering"))!
            .Where(n => n.ApplicationId == application.ApplicationId).ToArray();
        Assert.Equal(2, meteringQueue.Length);
        Assert.Contains(meteringQueue, n => n.Recipient == "head-metering");
    }

    private static string DepartmentName(Department department) => DepartmentCatalogue.Of(department).ChineseName;
}
