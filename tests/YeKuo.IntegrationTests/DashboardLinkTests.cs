using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace YeKuo.IntegrationTests;

/// <summary>What the Aspire dashboard offers for the running graph.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardLinkTests(SystemFixture system)
{
    [Fact]
    public async Task The_dashboard_links_the_gateway_to_the_API_reference_that_answers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var notifications = system.App.App.Services.GetRequiredService<ResourceNotificationService>();
        var gateway = await notifications.WaitForResourceAsync("gateway",
            e => e.Snapshot.Urls.Any(u => u.DisplayProperties.DisplayName == "API reference (Scalar)"), timeout.Token);

        var link = gateway.Snapshot.Urls.Single(u => u.DisplayProperties.DisplayName == "API reference (Scalar)");
        Assert.Equal(new Uri(system.App.Gateway, "/scalar"), new Uri(link.Url));
        using var http = new HttpClient();
        using var page = await http.GetAsync(link.Url, timeout.Token);
        Assert.True(page.IsSuccessStatusCode, $"GET {link.Url}: {(int)page.StatusCode}");
    }
}
