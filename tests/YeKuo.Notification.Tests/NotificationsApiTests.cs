using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using YeKuo.Contracts;
using YeKuo.Notification.Apis;

namespace YeKuo.Notification.Tests;

public sealed class NotificationsApiTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    [Fact]
    public async Task A_customers_notices_are_listed_newest_first()
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());
        await app.PublishAsync(application.Accepted("李强"));
        await app.PublishAsync(application.StepCompleted(Step.SiteSurvey));

        var notices = await app.CreateClient().GetFromJsonAsync<NoticeDto[]>($"/api/notifications?customerId={application.CustomerId}");

        Assert.Equal(["SiteSurveyCompleted", "ApplicationAccepted", "ApplicationSubmitted"], notices!.Select(n => n.Kind));
    }

    [Fact]
    public async Task The_list_is_filtered_by_both_application_and_customer_when_both_are_given()
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());

        var client = app.CreateClient();
        var own = await client.GetFromJsonAsync<NoticeDto[]>($"/api/notifications?applicationId={application.ApplicationId}&customerId={application.CustomerId}");
        var other = await client.GetFromJsonAsync<NoticeDto[]>($"/api/notifications?applicationId={application.ApplicationId}&customerId=someone-else");

        Assert.Single(own!);
        Assert.Empty(other!);
    }

    [Fact]
    public async Task Listing_without_a_filter_is_a_bad_request()
    {
        var response = await app.CreateClient().GetAsync("/api/notifications");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_notice_is_fetched_by_id()
    {
        var application = new Events();
        await app.PublishAsync(application.Withdrawn("不再需要"));
        var listed = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));

        var notice = await app.CreateClient().GetFromJsonAsync<NoticeDto>($"/api/notifications/{listed.Id}");

        Assert.Equal(listed, notice);
    }

    [Fact]
    public async Task An_unknown_notice_is_not_found()
    {
        var response = await app.CreateClient().GetAsync($"/api/notifications/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(404, problem!.Status);
    }

    [Fact]
    public async Task Marking_a_notice_read_records_when_and_reading_again_keeps_the_first_time()
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());
        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        var client = app.ClientAs(application.CustomerId);

        var first = await client.PostAsync($"/api/notifications/{notice.Id}/read", null);
        var read = await first.Content.ReadFromJsonAsync<NoticeDto>();
        var again = await (await client.PostAsync($"/api/notifications/{notice.Id}/read", null)).Content.ReadFromJsonAsync<NoticeDto>();
        var fetched = await client.GetFromJsonAsync<NoticeDto>($"/api/notifications/{notice.Id}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(read!.ReadAt);
        Assert.Equal(read.ReadAt, again!.ReadAt);
        Assert.Equal(read.ReadAt, fetched!.ReadAt);
    }

    [Fact]
    public async Task Marking_an_unknown_notice_read_is_not_found()
    {
        var response = await app.CreateClient().PostAsync($"/api/notifications/{Guid.NewGuid()}/read", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
