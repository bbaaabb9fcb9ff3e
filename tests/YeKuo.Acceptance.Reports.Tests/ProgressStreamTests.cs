using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>An application's progress pushed, not polled (<c>GET /api/applications/{id}/progress/stream</c>).</summary>
public sealed class ProgressStreamTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    [Fact]
    public async Task The_customer_gets_their_progress_at_once_and_again_when_the_next_department_opens_its_step()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-wang", At(3, 23, 11));
        await app.PublishAsync(j.Step(Step.Acceptance, At(3, 23, 10), At(3, 23, 11), EndOf(3, 24)));
        using var response = await app.ClientAs(j.CustomerId).GetAsync($"/api/applications/{j.ApplicationId}/progress/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

        var first = await NextAsync(events);
        Assert.Equal(("progress", "done", "waiting"), (first.EventType, first.Progress.Steps[0].State, first.Progress.Steps[1].State));

        await app.PublishAsync(j.Opened(Step.SiteSurvey, At(3, 23, 11), EndOf(4, 7)));
        var next = await NextAsync(events);
        Assert.Equal(("progress", "SiteSurvey", "inProgress"), (next.EventType, next.Progress.CurrentStep, next.Progress.Steps[1].State));
    }

    [Fact]
    public async Task Another_customer_cannot_follow_the_application()
    {
        var j = await app.AcceptedAsync(CustomerClass.Residential, "cm-li", At(3, 24, 11));

        using var response = await app.ClientAs("cust-somebody-else").GetAsync($"/api/applications/{j.ApplicationId}/progress/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<(string EventType, CustomerProgress Progress)> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        while (true)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)), "The stream ended.");
            if (events.Current.EventType != "heartbeat")
            {
                return (events.Current.EventType, JsonSerializer.Deserialize<CustomerProgress>(events.Current.Data, AcceptanceApp.Json)!);
            }
        }
    }
}
