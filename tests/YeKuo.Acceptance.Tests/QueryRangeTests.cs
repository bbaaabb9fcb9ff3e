using System.Net;
using YeKuo.Tests.Support;

namespace YeKuo.Acceptance.Tests;

/// <summary>
/// Every query parameter of Acceptance is range-checked: the far ends of dates, numbers and strings answer 2xx or a
/// 400 ProblemDetails naming the parameter, never a 500 (the calendar once threw past 9999-12-31).
/// </summary>
public sealed class QueryRangeTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    public static TheoryData<string, string> Boundaries => new()
    {
        { "admin", "/api/calendar/working-days/add?from=9999-12-31&days=100" },
        { "admin", "/api/calendar/working-days/add?from=9999-12-31&days=1" },
        { "admin", "/api/calendar/working-days/add?from=0001-01-01&days=1000" },
        { "admin", "/api/calendar/working-days/add?from=2026-03-02&days=2147483647" },
        { "admin", "/api/calendar/working-days/add?from=2026-03-02&days=-2147483648" },
        { "admin", "/api/calendar/-2147483648" },
        { "admin", "/api/calendar/2147483647" },
        { "platform", "/api/reports/handoffs?to=0001-01-01" },
        { "platform", "/api/reports/handoffs?from=9999-12-31&to=9999-12-31" },
        { "platform", "/api/reports/handoffs?from=0001-01-01&to=0001-01-02" },
        { "platform", "/api/reports/performance?from=9999-12-31&to=9999-12-31" },
        { "platform", "/api/reports/performance?from=0001-01-01&to=0001-01-01" },
        { "platform", "/api/reports/performance?groupBy=month&from=9999-12-01&to=9999-12-31" },
        { "admin", "/api/applications?status=-1" },
        { "admin", "/api/applications?status=Nonsense" },
        { "admin", $"/api/applications?customerId={new string('x', 300)}" },
        { "admin", $"/api/applications?customerManager={new string('x', 300)}" },
        { "admin", "/api/applications/work-items?step=-1" },
        { "admin", "/api/applications/work-items?step=2147483647" },
        { "admin", $"/api/applications/work-items?assignee={new string('x', 300)}" },
        { "admin", "/api/applications/work-items?limit=-2147483648" },
        { "admin", "/admin/audit?from=9999-12-31T23:59:59Z&to=9999-12-31" },
        { "admin", "/admin/audit?from=0001-01-01&page=2147483647&pageSize=200" },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task The_far_ends_of_every_query_parameter_answer_400_or_200_never_500(string user, string path)
    {
        var client = app.CreateClient().As(user, "Acceptance");

        using var response = await client.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {body}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Filters that mean nothing are refused, not silently dropped (a dropped filter answers everything).</summary>
    [Theory]
    [InlineData("/api/applications?status=-1")]
    [InlineData("/api/applications?status=Nonsense")]
    [InlineData("/api/applications/work-items?step=-1")]
    [InlineData("/api/applications/work-items?step=7")]
    public async Task An_unknown_filter_value_is_a_bad_request(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
