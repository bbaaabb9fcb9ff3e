using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.IntegrationEvents;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Tests.Support;

namespace YeKuo.Acceptance.Tests;

/// <summary>
/// The timeline takes the departments' completions in batches (IdempotentBatchConsumer): those arriving together share
/// one commit, and a completion the database refuses fails on its own while the rest of its batch commits.
/// </summary>
public sealed class TimelineBatchTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static StepCompleted SurveyCompleted(ApplicationDetails application) => TimelineTests.CompletedOf(application, Guid.NewGuid());

    private async Task<ApplicationDetails[]> SubmitAsync(int count, string customerPrefix)
    {
        var applications = new ApplicationDetails[count];
        for (var i = 0; i < count; i++)
        {
            applications[i] = (await app.SubmitValidAsync(customer: $"{customerPrefix}-{i}")).Application;
        }
        return applications;
    }

    private async Task<TimelineStep?> SurveyAsync(Guid applicationId) =>
        (await app.ApplicationAsync(applicationId)).Timeline.SingleOrDefault(s => s.Step == "SiteSurvey" && s.CompletedAt is not null);

    [Fact]
    public async Task Completions_arriving_together_share_a_commit_and_each_reaches_its_timeline_once()
    {
        var applications = await SubmitAsync(8, "cust-batch");
        var completions = applications.Select(a => (Message: SurveyCompleted(a), Id: NewId.NextGuid())).ToArray();
        using var saves = new InboxSaves<AcceptanceDbContext>(completions.Select(c => c.Id));
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await Task.WhenAll(completions.Select(c => app.PublishAsync(c.Message, c.Id)));

        foreach (var application in applications)
        {
            Assert.Equal("surveyor-li", (await SurveyAsync(application.Id))?.CompletedBy);
        }
        // Each completion keeps a span of its own in its own trace, tagged with its handoff (the batch's span is one for
        // many and names no application).
        foreach (var (message, _) in completions)
        {
            Assert.Contains(spans, s => Tag(s, "yekuo.application.id") == message.ApplicationId.ToString() && Tag(s, "yekuo.step") == "SiteSurvey"
                && Tag(s, "yekuo.department.from") == "SupplyScheme" && Tag(s, "yekuo.department.to") == "Acceptance");
        }
        var perSave = saves.MessagesPerSave;
        Assert.Equal(completions.Length, perSave.Sum());
        Assert.True(perSave.Count < completions.Length, $"Eight completions arriving together took {perSave.Count} commits ({string.Join(", ", perSave)} each).");
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) as string;

    [Fact]
    public async Task A_completion_the_database_refuses_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A row the database itself refuses (as a constraint would): the batch's commit fails, not the handler.
            await scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>().Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER IF NOT EXISTS refuse_test_entries BEFORE INSERT ON Timeline WHEN NEW.CompletedBy = 'refused' " +
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }
        var applications = await SubmitAsync(5, "cust-refused");
        var refused = (Message: SurveyCompleted(applications[0]) with { CompletedBy = "refused" }, Id: NewId.NextGuid());
        var accepted = applications.Skip(1).Select(a => (Message: SurveyCompleted(a), Id: NewId.NextGuid())).ToArray();

        await app.Harness.Bus.Publish(refused.Message, context => context.MessageId = refused.Id);
        await Task.WhenAll(accepted.Select(c => app.PublishAsync(c.Message, c.Id)));
        await AcceptanceApp.WaitUntilAsync(() => app.Consumptions.Faulted(refused.Id) > 0, "The refused completion did not fault");

        foreach (var application in applications.Skip(1))
        {
            Assert.Equal("surveyor-li", (await SurveyAsync(application.Id))?.CompletedBy);
        }
        Assert.Null(await SurveyAsync(applications[0].Id));
        await using var check = app.Services.CreateAsyncScope();
        var inbox = check.ServiceProvider.GetRequiredService<AcceptanceDbContext>().InboxMessages;
        Assert.False(await inbox.AnyAsync(m => m.MessageId == refused.Id));
        Assert.Equal(accepted.Length, await inbox.CountAsync(m => accepted.Select(c => c.Id).Contains(m.MessageId) && m.Consumer == nameof(StepCompletedConsumer)));
    }
}
