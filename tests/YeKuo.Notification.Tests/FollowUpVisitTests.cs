using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Apis;

namespace YeKuo.Notification.Tests;

/// <summary>
/// Customer service's 回访 after power-on: a task due in policy working days, recorded once by customer service staff
/// (phone or visit, three scores and comments), published as FollowUpVisited, beside the customer's own rating.
/// </summary>
public sealed class FollowUpVisitTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private const string Route = "/api/notifications/follow-ups";

    private async Task<FollowUpDto> ConnectedAsync(Events application)
    {
        await app.PublishAsync(application.PowerConnected());
        return Assert.Single((await app.CreateClient().GetFromJsonAsync<FollowUpDto[]>($"{Route}?applicationId={application.ApplicationId}"))!);
    }

    [Fact]
    public async Task Power_on_opens_a_visit_task_due_five_policy_working_days_later_skipping_qingming()
    {
        var application = new Events();

        var task = await ConnectedAsync(application);

        // Connected Wed 2026-04-01 10:00 China: 04-02, 04-03, (清明 04-04..04-06 off), 04-07, 04-08, 04-09.
        Assert.Equal(new DateTimeOffset(2026, 4, 9, 16, 0, 0, TimeSpan.Zero), task.VisitDueAt);
        Assert.Equal("Pending", task.VisitStatus);
        var pending = await app.ClientAs("staff-notification").GetFromJsonAsync<FollowUpDto[]>($"{Route}?visit=pending&limit=500");
        Assert.Contains(pending!, f => f.Id == task.Id);
        // The real clock is long past April 2026.
        var overdue = await app.ClientAs("staff-notification").GetFromJsonAsync<FollowUpDto[]>($"{Route}?visit=overdue&limit=500");
        Assert.Contains(overdue!, f => f.Id == task.Id && f.VisitOverdue);
    }

    [Fact]
    public async Task Customer_service_records_the_visit_once_beside_the_customers_own_rating_and_publishes_the_scores_only()
    {
        var application = new Events();
        var task = await ConnectedAsync(application);
        var staff = app.ClientAs("staff-notification");

        var response = await staff.PostAsJsonAsync($"{Route}/{task.Id}/visit",
            new { channel = "phone", attitude = 4, speed = 3, charges = 5, comments = "对勘查人员满意，希望缩短方案答复时间" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var visited = (await response.Content.ReadFromJsonAsync<FollowUpDto>())!;
        Assert.Equal(("Done", "Phone", 4, 3, 5, "staff-notification"),
            (visited.VisitStatus, visited.VisitChannel, visited.AttitudeScore, visited.SpeedScore, visited.ChargesScore, visited.VisitedBy));
        Assert.Equal("Pending", visited.Status);

        var second = await staff.PostAsJsonAsync($"{Route}/{task.Id}/visit", new { channel = "Visit", attitude = 1, speed = 1, charges = 1 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        // The customer's own rating stays independent.
        var rated = await app.ClientAs(application.CustomerId).PostAsJsonAsync($"{Route}/{task.Id}/rating", new { score = 5 });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var mine = (await app.ClientAs(application.CustomerId).GetFromJsonAsync<FollowUpDto>($"{Route}/{task.Id}"))!;
        Assert.Equal(("Done", 5, "Done", 4), (mine.Status, mine.Score, mine.VisitStatus, mine.AttitudeScore));
        Assert.Null(mine.VisitedBy);

        var published = await app.PublishedAsync<FollowUpVisited>(e => e.FollowUpId == task.Id);
        Assert.Equal((application.ApplicationId, "Phone", 4, 3, 5, false), (published.ApplicationId, published.Channel,
            published.AttitudeScore, published.SpeedScore, published.ChargesScore, published.OnTime));
        Assert.DoesNotContain("勘查人员", Assert.Single(await app.OutboxBodiesAsync<FollowUpVisited>(application.ApplicationId)));
    }

    [Fact]
    public async Task Only_customer_service_records_a_visit()
    {
        var application = new Events();
        var task = await ConnectedAsync(application);
        var body = new { channel = "Visit", attitude = 5, speed = 5, charges = 5 };

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs("staff-metering").PostAsJsonAsync($"{Route}/{task.Id}/visit", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(application.CustomerId).PostAsJsonAsync($"{Route}/{task.Id}/visit", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs("platform-ops").PostAsJsonAsync($"{Route}/{task.Id}/visit", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientAs("head-notification").PostAsJsonAsync($"{Route}/{task.Id}/visit", body)).StatusCode);
    }

    public static TheoryData<object, string[]> InvalidVisits => new()
    {
        { new { channel = "Email", attitude = 5, speed = 5, charges = 5 }, ["channel"] },
        { new { channel = "Phone", attitude = 0, speed = 6, charges = 5 }, ["attitude", "speed"] },
        { new { channel = "Phone", attitude = 5, speed = 5, charges = 5, comments = new string('长', 501) }, ["comments"] },
        { new { }, ["attitude", "channel", "charges", "speed"] },
    };

    [Theory]
    [MemberData(nameof(InvalidVisits))]
    public async Task A_bad_visit_record_is_a_bad_request_with_field_errors(object visit, string[] fields)
    {
        var task = await ConnectedAsync(new Events());

        var response = await app.ClientAs("staff-notification").PostAsJsonAsync($"{Route}/{task.Id}/visit", visit);

        Assert.Equal(fields, await NotificationApp.FieldErrorsAsync(response));
    }

    [Fact]
    public async Task The_visit_list_filter_is_checked()
    {
        var client = app.ClientAs("staff-notification");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Route}?visit=soon")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Route}?visit=pending&status=pending")).StatusCode);
    }
}
