using Microsoft.Playwright;
using YeKuo.Testing;
using static Microsoft.Playwright.Assertions;

namespace YeKuo.Web.Tests;

/// <summary>
/// The foresight pages in the browser, on the whole system: an accepted 高压 application's network and predicted power-on
/// date, a what-if replay over the generated history picked on the platform page, the bottlenecks and the printable 获得电力
/// report. Each page is saved to docs/images/ for the README.
/// </summary>
[Collection(WebSystemCollection.Name)]
public sealed class ForesightPagesTests(WebSystemFixture system)
{
    private static readonly string Images = Path.Combine(RepositoryRoot.Find(), "docs", "images");

    [Fact]
    public async Task The_platform_replays_the_generated_history_with_a_fortnightly_meeting_and_sees_the_comparison()
    {
        var id = await system.AcceptedHighVoltageApplicationAsync("customer-foresight", "clerk-foresight");

        // The customer sees when the power will likely be on.
        var customer = await system.SignInAsync("customer-foresight", "customer");
        await customer.GotoAsync($"/applications/{id}");
        await Expect(customer.GetByTestId("forecast")).ToBeVisibleAsync();
        Assert.True(string.CompareOrdinal(await customer.GetByTestId("forecast").GetAttributeAsync("data-p50"), await customer.GetByTestId("forecast").GetAttributeAsync("data-p90")) <= 0);
        await SaveAsync(customer, "forecast-customer");

        // The platform: the application's network with floats and the forecast.
        var platform = await system.SignInAsync("platform-foresight", "platform");
        await platform.GotoAsync($"/platform/gantt/{id}");
        await platform.GetByTestId("gantt").WaitForAsync();
        await Expect(platform.GetByTestId("forecast")).ToBeVisibleAsync();
        await Expect(platform.Locator("[data-testid=gantt-row][data-activity=supply-contract]")).Not.ToHaveAttributeAsync("data-total-float", "0");
        await SaveAsync(platform, "network-gantt");

        // What-if: the generated history with the 方案审查会 every other Wednesday.
        await platform.GotoAsync("/platform/what-if");
        await platform.GetByTestId("what-if-source").SelectOptionAsync("generated");
        await platform.GetByTestId("what-if-meeting-every").SetAsync("2");
        await platform.GetByTestId("what-if-run").ClickAsync();
        await Expect(platform.GetByTestId("what-if-result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(platform.GetByTestId("what-if-days")).ToContainTextAsync("+");
        await Expect(platform.Locator("[data-testid=what-if-steps] tr[data-step=SchemeReply]")).ToBeVisibleAsync();
        await Expect(platform.GetByTestId("open-forecasts")).ToContainTextAsync("20");
        await SaveAsync(platform, "what-if");

        // A bad scenario is answered, not crashed on.
        await platform.GetByTestId("what-if-thresholds").SetAsync("80,50");
        await platform.GetByTestId("what-if-run").ClickAsync();
        await Expect(platform.GetByTestId("problem")).ToBeVisibleAsync();

        // Bottlenecks of a month of the generated history on 时效监控.
        await platform.GotoAsync("/platform");
        await platform.GetByTestId("bottleneck-month").SetAsync("2025-12");
        await platform.GetByTestId("bottleneck-source").SelectOptionAsync("generated");
        await platform.GetByTestId("bottleneck-show").ClickAsync();
        await Expect(platform.Locator("[data-testid=bottleneck-activity] [data-testid=bottleneck-row]")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        await Expect(platform.Locator("[data-testid=bottleneck-handoff] [data-testid=bottleneck-row]")).ToHaveCountAsync(3);
        await SaveAsync(platform.GetByTestId("bottlenecks"), "bottlenecks");

        // 获得电力: procedures and days; the cost is said to be unrecorded, never made up.
        await platform.GotoAsync("/platform/getting-electricity");
        await Expect(platform.GetByTestId("ge-summary")).ToBeVisibleAsync();
        await Expect(platform.GetByTestId("ge-cost")).ToContainTextAsync("not reported");
        await SaveAsync(platform, "getting-electricity");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Images);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 }).ContinueWith(_ => { });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Images, $"{name}.png"), FullPage = true });
    }

    private static async Task SaveAsync(ILocator element, string name)
    {
        Directory.CreateDirectory(Images);
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Images, $"{name}.png") });
    }
}
