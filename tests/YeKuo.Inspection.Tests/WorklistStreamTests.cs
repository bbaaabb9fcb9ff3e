using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Inspection.Tests;

/// <summary>
/// The worklist pushed, not polled (<c>GET …/work-items/stream</c>): the open work first, then each handoff the moment
/// its work item opens, and the items that leave the list, with the list's own authorization.
/// </summary>
public sealed class WorklistStreamTests(InspectionApp app) : IClassFixture<InspectionApp>
{
    private static readonly DateTimeOffset Monday10 = InspectionApp.Monday10China;

    private static readonly object DesignDocuments = new { contractor = "青海某电力设计院", documents = new[] { "施工图设计文件" } };

    [Fact]
    public async Task The_stream_shows_the_open_work_then_a_handoff_as_it_opens_and_drops_the_item_once_completed()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        using var client = app.ClientAs("staff-1");
        using var response = await client.GetAsync(
            $"/api/inspection/work-items/stream?status=open&applicationId={application.ApplicationId}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var events = new EventReader(await response.Content.ReadAsStreamAsync());

        var snapshot = await events.NextAsync();
        Assert.Equal(("snapshot", 0), (snapshot.EventType, JsonSerializer.Deserialize<WorkItemDto[]>(snapshot.Data, InspectionApp.Json)!.Length));

        // The confirmed scheme opens the customer's design submission here; their request opens the design review.
        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        var submission = await events.UpsertAsync("DesignSubmission");
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(submission.Id, DesignDocuments, user: application.CustomerId));
        await events.RemoveAsync(submission.Id);
        var review = await events.UpsertAsync("DesignReview");
        Assert.Equal("Open", review.Status);

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, new { passed = true }));
        await events.RemoveAsync(review.Id);

        // The completion opened the next step here (the customer's request for the intermediate inspection): it joins the list.
        await events.UpsertAsync("IntermediateInspectionRequest");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("clerk-counter")]
    public async Task A_customer_or_a_counter_clerk_follows_the_customers_steps_only(string? user)
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var someoneElses = new Handoffs();
        using var client = app.ClientAs(user ?? application.CustomerId);
        var only = user is null ? "" : $"&applicationId={application.ApplicationId}";
        using var response = await client.GetAsync($"/api/inspection/work-items/stream?status=open{only}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var events = new EventReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("snapshot", (await events.NextAsync()).EventType);

        // Another customer's request is not the customer's to see; their own is.
        if (user is null)
        {
            await app.PublishAsync(someoneElses.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        }
        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        var submission = await events.UpsertAsync("DesignSubmission");
        Assert.Equal(application.ApplicationId, submission.ApplicationId);

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(submission.Id, DesignDocuments, user: user ?? application.CustomerId));
        await events.RemoveAsync(submission.Id);

        // The department's design review opens and completes unseen; the next thing shown is the customer's next request.
        var review = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "DesignReview");
        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, new { passed = true }));
        var request = await events.UpsertAsync("IntermediateInspectionRequest");
        Assert.Equal(application.ApplicationId, request.ApplicationId);
    }

    [Fact]
    public async Task An_unknown_status_filter_is_refused_before_the_stream_starts()
    {
        using var response = await app.ClientAs("staff-1").GetAsync("/api/inspection/work-items/stream?status=someday", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The stream's events in order, heartbeats left out, each awaited for at most 20 s.</summary>
    private sealed class EventReader(Stream body) : IAsyncDisposable
    {
        private readonly IAsyncEnumerator<SseItem<string>> _events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

        public async Task<SseItem<string>> NextAsync()
        {
            while (true)
            {
                Assert.True(await _events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)), "The stream ended.");
                if (_events.Current.EventType != "heartbeat")
                {
                    return _events.Current;
                }
            }
        }

        /// <summary>The next event, which must be an <c>upsert</c> of a work item of <paramref name="step"/>.</summary>
        public async Task<WorkItemDto> UpsertAsync(string step)
        {
            var next = await NextAsync();
            var item = next.EventType == "upsert" ? JsonSerializer.Deserialize<WorkItemDto>(next.Data, InspectionApp.Json) : null;
            Assert.Equal(("upsert", step), (next.EventType, item?.Step));
            return item!;
        }

        /// <summary>The next event, which must be the <c>remove</c> of <paramref name="id"/>.</summary>
        public async Task RemoveAsync(Guid id)
        {
            var next = await NextAsync();
            Assert.Equal("remove", next.EventType);
            Assert.Equal(id, JsonDocument.Parse(next.Data).RootElement.GetProperty("id").GetGuid());
        }

        public async ValueTask DisposeAsync()
        {
            await body.DisposeAsync();
        }
    }
}
