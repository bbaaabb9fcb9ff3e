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

        await app.PublishAsync(application.Completed(Step.SchemeConfirmation, Monday10.AddDays(-3), Monday10));
        var opened = await events.NextAsync();
        var review = JsonSerializer.Deserialize<WorkItemDto>(opened.Data, InspectionApp.Json)!;
        Assert.Equal(("upsert", "DesignReview", "Open"), (opened.EventType, review.Step, review.Status));

        await InspectionApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(review.Id, new { passed = true }));
        var removed = await events.NextAsync();
        Assert.Equal("remove", removed.EventType);
        Assert.Equal(review.Id, JsonDocument.Parse(removed.Data).RootElement.GetProperty("id").GetGuid());

        // The completion opened the next step here: it joins the list.
        var next = await events.NextAsync();
        Assert.Equal(("upsert", "IntermediateInspection"), (next.EventType, JsonSerializer.Deserialize<WorkItemDto>(next.Data, InspectionApp.Json)!.Step));
    }

    [Fact]
    public async Task A_customer_cannot_follow_a_departments_worklist()
    {
        using var response = await app.ClientAs("customer-wang").GetAsync("/api/inspection/work-items/stream?status=open", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
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

        public async ValueTask DisposeAsync()
        {
            await body.DisposeAsync();
        }
    }
}
