using System.Net;
using YeKuo.IntegrationTests;

namespace YeKuo.Security.Tests;

/// <summary>Seventy submissions by one customer in a burst, through the gateway: the per-customer limit holds.</summary>
[Collection(SystemCollection.Name)]
public sealed class SubmissionBurstTests(SystemFixture system)
{
    [Fact]
    public async Task Seventy_submissions_by_one_customer_in_a_burst_stop_at_the_daily_limit()
    {
        using var customer = await SecurityClients.ClientAsync(system.Gateway, new Identity("customer-burst", "customer"));
        var statuses = await Task.WhenAll(Enumerable.Range(0, 70).Select(async _ =>
        {
            using var response = await SecurityClients.SendAsync(customer, HttpMethod.Post, "/api/applications", IsolationTests.Application(null));
            return response.StatusCode;
        }));

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(50, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
