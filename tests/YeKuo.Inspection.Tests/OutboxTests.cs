using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Inspection.Infrastructure;
using YeKuo.Messaging.Outbox;
using YeKuo.Messaging.PartnerEvents;

namespace YeKuo.Inspection.Tests;

/// <summary>
/// The outbox as a department service runs it (here 工程检查's): events leave right after the commit that wrote them,
/// the relay publishes only what that left behind, and a consume that changes nothing commits nothing.
/// </summary>
public sealed class OutboxTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly DateTimeOffset Monday10 = InspectionApp.Monday10China;

    /// <summary>The application's <c>StepCompleted</c> rows in the outbox.</summary>
    private Task<List<OutboxMessage>> StepCompletedRowsAsync(Guid applicationId) => app.QueryAsync(db => db.OutboxMessages.AsNoTracking()
        .Where(m => m.ApplicationId == applicationId && m.MessageType == Messages.UrnOf(typeof(StepCompleted)))
        .ToListAsync());

    [Fact]
    public async Task A_completion_is_published_right_after_its_commit_and_its_row_stamped_sent_without_the_relay_with_no_partner_rows()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        // The customer's design documents, submitted: the design review opens.
        await app.PublishAsync(application.Completed(Step.DesignSubmission, Monday10.AddDays(-3), Monday10));
        var review = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview");

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, new { passed = true }));

        // The clock has not moved: the relay only takes rows older than Outbox:RelayAfter, so this was the commit's own publish.
        await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == review.Id);
        await InspectionApp.WaitUntilAsync(async () => (await StepCompletedRowsAsync(application.ApplicationId)).All(m => m.SentAt != null),
            "the StepCompleted row to be stamped sent");
        Assert.Equal(Monday10, app.Clock.GetUtcNow());
        // Its partner CloudEvents (step.completed v1 and v2) are built from that row when it is published, not stored.
        var types = await app.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ApplicationId == application.ApplicationId).Select(m => m.MessageType).ToListAsync());
        Assert.Contains(Messages.UrnOf(typeof(StepCompleted)), types);
        Assert.DoesNotContain(types, t => t.StartsWith(PartnerEventMapper.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_a_crash_left_unsent_is_published_by_the_relay_under_its_own_message_id()
    {
        app.Clock.AdjustTime(Monday10);
        var messageId = NewId.NextGuid();
        var application = new Handoffs();
        var withdrawn = application.Withdrawn(Monday10.AddMinutes(-5));
        // As a crash leaves it: committed a minute ago, never published (written around the context, so nothing publishes it now).
        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO OutboxMessages (MessageId, MessageType, Body, ApplicationId, CreatedAt, Attempts)
            VALUES ({messageId.ToString().ToUpperInvariant()}, {Messages.UrnOf(typeof(ApplicationWithdrawn))}, {System.Text.Json.JsonSerializer.Serialize(withdrawn, YeKuo.Messaging.MessageJson.Options)},
                    {application.ApplicationId.ToString().ToUpperInvariant()}, {Monday10.AddMinutes(-1).UtcTicks}, 0)
            """));

        await InspectionApp.WaitUntilAsync(() => Task.FromResult(app.PublishedSoFar<ApplicationWithdrawn>(m => m.ApplicationId == application.ApplicationId)
            .Any(p => p.MessageId == messageId)), "the relay to publish the row left behind");
        await InspectionApp.WaitUntilAsync(async () => await app.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .AnyAsync(m => m.MessageId == messageId && m.SentAt != null)), "the row to be stamped sent");
    }

    [Fact]
    public async Task A_partner_event_row_an_earlier_version_left_unsent_is_published_as_it_is_and_stamped_sent()
    {
        app.Clock.AdjustTime(Monday10);
        var messageId = NewId.NextGuid();
        var application = new Handoffs();
        var partnerEvent = PartnerEventMapper.Map(application.Completed(Step.DesignReview, Monday10.AddDays(-1), Monday10.AddMinutes(-5))).First();
        var cloudEvent = System.Text.Encoding.UTF8.GetString(PartnerCloudEvents.Encode(
            partnerEvent, PartnerEventMapper.IdOf(messageId, partnerEvent), traceParent: null, "/yekuo/inspection").Span);
        // Before partner events were built at publish, each was a row of its own, the CloudEvent as its body.
        await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO OutboxMessages (MessageId, MessageType, Body, ApplicationId, CreatedAt, Attempts)
            VALUES ({NewId.NextGuid().ToString().ToUpperInvariant()}, {partnerEvent.Type}, {cloudEvent},
                    {application.ApplicationId.ToString().ToUpperInvariant()}, {Monday10.AddMinutes(-1).UtcTicks}, 0)
            """));

        await InspectionApp.WaitUntilAsync(async () => await app.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .AnyAsync(m => m.ApplicationId == application.ApplicationId && m.MessageType == partnerEvent.Type && m.SentAt != null)),
            "the relay to publish the stored partner event and stamp it sent");
    }

    [Fact]
    public async Task A_step_completion_this_department_does_not_act_on_commits_nothing_not_even_an_inbox_row()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var messageId = NewId.NextGuid();

        // 现场勘查 done: 供电方案 opens 方案答复; 工程检查 has nothing to do.
        await app.PublishAsync(application.Completed(Step.SiteSurvey, Monday10.AddDays(-1), Monday10), messageId);

        Assert.Empty(await app.WorkItemsAsync(application.ApplicationId));
        Assert.False(await app.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task A_handoff_acted_on_commits_its_inbox_row_with_the_work_item()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var messageId = NewId.NextGuid();

        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10), messageId);

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.True(await app.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task A_completion_whose_next_step_this_department_hosts_opens_it_in_the_same_commit_and_leaves_no_handoff_to_consume()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        var submission = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignSubmission");

        // The customer's design documents: 设计审查 is 工程检查's too.
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(submission.Id,
            new { contractor = "青海某电力设计院", documents = new[] { "施工图设计文件" } }, user: application.CustomerId));

        // Read right after the answer, without waiting for any consumer: the review committed with the submission.
        var review = Assert.Single(await app.WorkItemsAsync(application.ApplicationId, status: "open"));
        Assert.Equal(("DesignReview", Monday10), (review.Step, review.OpenedAt));
        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == submission.Id);
        Assert.True(completed.NextStepHandled);
        // The review's opening travels in the completion's own event, not in a WorkItemOpened of its own.
        Assert.Equal((review.Id, Step.DesignReview, Monday10), (completed.NextOpened?.WorkItemId, completed.NextOpened?.Step, completed.NextOpened?.OpenedAt));
        Assert.Empty(app.PublishedSoFar<WorkItemOpened>(m => m.WorkItemId == review.Id));
        // Its open-next-step consumer leaves it alone: no inbox row for the completion's message.
        var completionId = Assert.Single(await StepCompletedRowsAsync(application.ApplicationId)).MessageId;
        Assert.False(await app.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == completionId)));
    }

    [Fact]
    public async Task Sent_events_and_handled_message_ids_past_their_retention_are_deleted_and_an_unsent_row_never_is()
    {
        var now = Monday10;
        var withdrawn = System.Text.Json.JsonSerializer.Serialize(new Handoffs().Withdrawn(now.AddDays(-60)), YeKuo.Messaging.MessageJson.Options);
        var (sentLongAgo, sentRecently, neverSent) = (NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid());
        var (handledLongAgo, handledRecently) = (NewId.NextGuid(), NewId.NextGuid());
        async Task OutboxRowAsync(Guid id, DateTimeOffset createdAt, DateTimeOffset? sentAt) => await app.QueryAsync(async db =>
        {
            var key = id.ToString().ToUpperInvariant();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO OutboxMessages (MessageId, MessageType, Body, CreatedAt, SentAt, Attempts, NextAttemptAt)
                VALUES ({key}, {Messages.UrnOf(typeof(ApplicationWithdrawn))}, {withdrawn}, {createdAt.UtcTicks}, {(sentAt ?? createdAt).UtcTicks}, 3, {now.AddDays(1).UtcTicks})
                """);
            return sentAt is null ? await db.Database.ExecuteSqlAsync($"UPDATE OutboxMessages SET SentAt = NULL WHERE MessageId = {key}") : 1;
        });
        async Task InboxRowAsync(Guid id, DateTimeOffset processedAt) => await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO InboxMessages (MessageId, Consumer, ProcessedAt) VALUES ({id.ToString().ToUpperInvariant()}, 'RetentionTest', {processedAt.UtcTicks})
            """));
        await OutboxRowAsync(sentLongAgo, now.AddDays(-8), now.AddDays(-8));
        await OutboxRowAsync(sentRecently, now.AddDays(-6), now.AddDays(-6));
        // Two months unsent (a broker unreachable since, its next attempt tomorrow): the relay still owes it.
        await OutboxRowAsync(neverSent, now.AddDays(-60), null);
        await InboxRowAsync(handledLongAgo, now.AddDays(-31));
        await InboxRowAsync(handledRecently, now.AddDays(-29));

        // One row per statement, so the batches' loop is walked too.
        var (sentEvents, handledMessages) = await app.QueryAsync(db => YeKuo.Messaging.Retention.MessageRetention.DeleteOldAsync(
            db, new YeKuo.Messaging.Retention.MessageRetentionOptions { BatchSize = 1 }, now, CancellationToken.None));

        Assert.True(sentEvents >= 1 && handledMessages >= 1, $"deleted {sentEvents} sent events and {handledMessages} handled messages");
        var outbox = await app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => new[] { sentLongAgo, sentRecently, neverSent }.Contains(m.MessageId)).Select(m => m.MessageId).ToListAsync());
        Assert.Equal(new[] { sentRecently, neverSent }.Order(), outbox.Order());
        var inbox = await app.QueryAsync(db => db.InboxMessages.AsNoTracking().Where(m => m.Consumer == "RetentionTest").Select(m => m.MessageId).ToListAsync());
        Assert.Equal([handledRecently], inbox);
    }
}
