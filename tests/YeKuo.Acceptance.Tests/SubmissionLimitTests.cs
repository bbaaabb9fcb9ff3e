using System.Net;
using System.Net.Http.Json;
using YeKuo.Acceptance.Apis;

namespace YeKuo.Acceptance.Tests;

/// <summary>
/// A customer's submissions are limited per day (Acceptance:Submissions:PerCustomerPerDay, 20 by default), whoever
/// submits them (the customer or a counter clerk on their behalf) and however many gateways there are: the count is
/// the customer's applications in this service's own database.
/// </summary>
public sealed class SubmissionLimitTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    [Fact]
    public async Task A_burst_of_submissions_by_one_customer_stops_at_the_daily_limit_with_429_and_Retry_After()
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 25; i++)
        {
            responses.Add(await app.SubmitAsync(Requests.HighVoltageSingleSource(), customer: "cust-burst-limit"));
        }

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.True(refused[0].Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);

        // A clerk submitting for the same customer is held to the same limit; another customer is not affected.
        var onBehalf = await app.PostAsync("/api/applications",
            Requests.With(Requests.HighVoltageSingleSource(), ("customerId", "cust-burst-limit")), "clerk-limit");
        Assert.Equal(HttpStatusCode.TooManyRequests, onBehalf.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.SubmitAsync(Requests.HighVoltageSingleSource(), customer: "cust-burst-other")).StatusCode);

        // A day later the customer may apply again.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created, (await app.SubmitAsync(Requests.HighVoltageSingleSource(), customer: "cust-burst-limit")).StatusCode);
    }
}
