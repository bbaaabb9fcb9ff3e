using System.Net;
using System.Net.Http.Json;
using MassTransit;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Apis;

namespace YeKuo.Notification.Tests;

/// <summary>回访 after power connected, and the satisfaction rating recorded once and published as SatisfactionRated.</summary>
public sealed class FollowUpTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private async Task<FollowUpDto[]> FollowUpsOfAsync(Guid applicationId, string? status = null) =>
        await app.CreateClient().GetFromJsonAsync<FollowUpDto[]>(
            $"/api/notifications/follow-ups?applicationId={applicationId}" + (status is null ? "" : $"&status={status}")) ?? [];

    private async Task<FollowUpDto> ConnectedAsync(Events application)
    {
        await app.PublishAsync(application.PowerConnected());
        return Assert.Single(await FollowUpsOfAsync(application.ApplicationId));
    }

    [Fact]
    public async Task Power_connected_creates_one_pending_follow_up_even_when_it_arrives_twice()
    {
        var application = new Events();
        var connected = application.PowerConnected();
        var messageId = NewId.NextGuid();

        await app.PublishAsync(connected, messageId);
        await app.PublishAsync(connected, messageId);
        await app.PublishAsync(connected with { }, NewId.NextGuid());

        var followUp = Assert.Single(await FollowUpsOfAsync(application.ApplicationId));
        Assert.Equal("Pending", followUp.Status);
        Assert.Equal(application.ApplicationNumber, followUp.ApplicationNumber);
        Assert.Equal(application.CustomerId, followUp.CustomerId);
        Assert.Equal(connected.ConnectedAt, followUp.ConnectedAt);
        Assert.Null(followUp.Score);
        var pending = await app.CreateClient().GetFromJsonAsync<FollowUpDto[]>("/api/notifications/follow-ups?status=pending");
        Assert.Single(pending!, f => f.ApplicationId == application.ApplicationId);
    }

    [Fact]
    public async Task Copies_of_power_connected_consumed_at_the_same_time_create_one_follow_up()
    {
        var application = new Events();
        var connected = application.PowerConnected();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.PublishAsync(connected, NewId.NextGuid())));

        Assert.Single(await FollowUpsOfAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_rating_is_recorded_once_and_published_as_SatisfactionRated_without_the_comment()
    {
        var application = new Events();
        var followUp = await ConnectedAsync(application);
        var client = app.CreateClient();

        var first = await client.PostAsJsonAsync($"/api/notifications/follow-ups/{followUp.Id}/rating", new { score = 4, comment = "客户经理很负责，接电比预期快" });
        var second = await client.PostAsJsonAsync($"/api/notifications/follow-ups/{followUp.Id}/rating", new { score = 1 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rated = await first.Content.ReadFromJsonAsync<FollowUpDto>();
        Assert.Equal("Done", rated!.Status);
        Assert.Equal(4, rated.Score);
        Assert.Equal("客户经理很负责，接电比预期快", rated.Comment);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);

        var published = await app.PublishedAsync<SatisfactionRated>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal(new SatisfactionRated(application.ApplicationId, application.ApplicationNumber, 4, rated.RatedAt!.Value), published);
        var body = Assert.Single(await app.OutboxBodiesAsync<SatisfactionRated>(application.ApplicationId));
        Assert.DoesNotContain("客户经理", body);
        Assert.DoesNotContain(application.CustomerId, body);

        Assert.Equal(4, Assert.Single(await FollowUpsOfAsync(application.ApplicationId, "done")).Score);
        Assert.Empty(await FollowUpsOfAsync(application.ApplicationId, "pending"));
    }

    [Fact]
    public async Task Concurrent_ratings_of_one_follow_up_record_and_publish_exactly_one()
    {
        var application = new Events();
        var followUp = await ConnectedAsync(application);

        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(score =>
            app.CreateClient().PostAsJsonAsync($"/api/notifications/follow-ups/{followUp.Id}/rating", new { score })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single(await app.OutboxBodiesAsync<SatisfactionRated>(application.ApplicationId));
    }

    public static TheoryData<object, string> InvalidRatings => new()
    {
        { new { score = 0 }, "score" },
        { new { score = 6 }, "score" },
        { new { score = -1, comment = "差" }, "score" },
        { new { comment = "没有打分" }, "score" },
        { new { score = 5, comment = new string('好', 501) }, "comment" },
    };

    [Theory]
    [MemberData(nameof(InvalidRatings))]
    public async Task A_score_outside_1_to_5_or_a_comment_over_500_characters_is_a_bad_request_and_records_nothing(object rating, string field)
    {
        var application = new Events();
        var followUp = await ConnectedAsync(application);

        var response = await app.CreateClient().PostAsJsonAsync($"/api/notifications/follow-ups/{followUp.Id}/rating", rating);

        Assert.Equal([field], await NotificationApp.FieldErrorsAsync(response));
        Assert.Equal("Pending", Assert.Single(await FollowUpsOfAsync(application.ApplicationId)).Status);
        Assert.Empty(await app.OutboxBodiesAsync<SatisfactionRated>(application.ApplicationId));
    }

    [Fact]
    public async Task A_comment_of_exactly_500_characters_is_accepted()
    {
        var application = new Events();
        var followUp = await ConnectedAsync(application);

        var response = await app.CreateClient().PostAsJsonAsync($"/api/notifications/follow-ups/{followUp.Id}/rating", new { score = 5, comment = new string('好', 500) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Rating_an_unknown_follow_up_is_not_found()
    {
        var response = await app.CreateClient().PostAsJsonAsync($"/api/notifications/follow-ups/{Guid.NewGuid()}/rating", new { score = 5 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Listing_follow_ups_by_an_unknown_status_is_a_bad_request()
    {
        var response = await app.CreateClient().GetAsync("/api/notifications/follow-ups?status=late");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
