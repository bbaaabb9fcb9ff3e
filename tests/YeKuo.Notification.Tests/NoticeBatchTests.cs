using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Infrastructure;
using YeKuo.Notification.Webhooks;
using YeKuo.Tests.Support;

namespace YeKuo.Notification.Tests;

/// <summary>
/// Notification takes each kind of event in batches (IdempotentBatchConsumer): those arriving together share one commit,
/// each still tells its customer once, and each carries its own trace to partners.
/// </summary>
public sealed class NoticeBatchTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    [Fact]
    public async Task Completions_arriving_together_share_a_commit_and_each_tells_its_customer_once()
    {
        var completions = Enumerable.Range(0, 8).Select(_ => (Application: new Events(), Id: NewId.NextGuid()))
            .Select(c => (c.Application, Message: c.Application.StepCompleted(Step.SiteSurvey), c.Id)).ToArray();
        using var saves = new InboxSaves<NotificationDbContext>(completions.Select(c => c.Id));

        await Task.WhenAll(completions.Select(c => app.PublishAsync(c.Message, c.Id)));

        foreach (var (application, _, _) in completions)
        {
            Assert.Equal(nameof(Domain.NoticeKind.SiteSurveyCompleted), Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId)).Kind);
        }
        var perSave = saves.MessagesPerSave;
        Assert.Equal(completions.Length, perSave.Sum());
        Assert.True(perSave.Count < completions.Length, $"Eight completions arriving together took {perSave.Count} commits ({string.Join(", ", perSave)} each).");
    }

    [Fact]
    public async Task Copies_of_one_event_arriving_together_under_different_ids_tell_the_customer_once()
    {
        var application = new Events();
        var message = application.StepCompleted(Step.SchemeReply);
        var ids = Enumerable.Range(0, 3).Select(_ => NewId.NextGuid()).ToArray();

        await Task.WhenAll(ids.Select(id => app.PublishAsync(message with { }, id)));

        Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.All(ids, id => Assert.Equal(0, app.Consumptions.Faulted(id)));
    }

    [Fact]
    public async Task Each_event_of_a_batch_carries_its_own_trace_to_partners()
    {
        await app.QueryAsync(async db =>
        {
            db.WebhookSubscriptions.Add(WebhookSubscription.Create(
                "partner-trace", new Uri("http://127.0.0.1:9/events"), ["cn.yekuo.step.completed.v2"], DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        using var source = new ActivitySource("YeKuo.Notification.Tests.Partners");
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var applications = Enumerable.Range(0, 6).Select(_ => new Events()).ToArray();

        // Each completion is published in a trace of its own, as each department's request would.
        var traces = await Task.WhenAll(applications.Select(async application =>
        {
            using var publisher = source.StartActivity("complete the step", ActivityKind.Server, parentContext: default)!;
            await app.PublishAsync(application.StepCompleted(Step.SiteSurvey));
            return (application.ApplicationNumber, Trace: publisher.TraceId.ToHexString());
        }));

        var deliveries = await app.QueryAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EventType == "cn.yekuo.step.completed.v2").Select(d => new { d.Subject, d.Body }).ToListAsync());
        foreach (var (number, trace) in traces)
        {
            var body = JsonDocument.Parse(Assert.Single(deliveries, d => d.Subject == number).Body).RootElement;
            Assert.Equal(trace, body.GetProperty("traceparent").GetString()!.Split('-')[1]);
        }
    }
}
