using static Microsoft.Playwright.Assertions;

namespace YeKuo.Web.Tests;

/// <summary>Language, department isolation and the platform's Gantt chart, in the browser.</summary>
[Collection(WebSystemCollection.Name)]
public sealed class WebAppTests(WebSystemFixture system)
{
    [Fact]
    public async Task Chinese_by_default_and_the_language_switch_shows_English_and_back()
    {
        var page = await system.SignInAsync("customer-lang", "customer");
        await page.GotoAsync("/applications");
        await Expect(page.GetByTestId("nav-my")).ToHaveTextAsync("我的申请");
        await Expect(page.Locator("h1")).ToHaveTextAsync("我的申请");

        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.GetByTestId("nav-my")).ToHaveTextAsync("My applications");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My applications");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.EndsWith("/applications", page.Url);

        await page.GetByTestId("lang-zh").ClickAsync();
        await Expect(page.GetByTestId("nav-my")).ToHaveTextAsync("我的申请");
    }

    [Fact]
    public async Task Staff_cannot_see_another_departments_worklist()
    {
        var page = await system.SignInAsync("staff-inspection-iso", "staff", "Inspection");
        await page.GotoAsync("/work/Inspection");
        await page.GetByTestId("worklist").Or(page.GetByTestId("worklist-empty")).WaitForAsync();

        await page.GotoAsync("/work/Metering");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("worklist")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("worklist-empty")).ToHaveCountAsync(0);

        // Nor a Metering work item by its address.
        await page.GotoAsync($"/work/Metering/{Guid.NewGuid()}");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();

        // A customer does not reach staff pages at all.
        var customer = await system.SignInAsync("customer-iso", "customer");
        await customer.GotoAsync("/work/Metering");
        await Expect(customer.GetByTestId("access-denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_platform_Gantt_chart_marks_the_critical_path_and_floats()
    {
        // Set-up through the API: an accepted HV application (its step network is fixed at acceptance).
        var submitted = await system.ApiAsync(HttpMethod.Post, "/api/applications", "customer-gantt", "customer", body: new
        {
            customerName = "西宁某数据中心",
            customerClass = "HighVoltageDualSource",
            identityNumber = "91632200MA752ABC1C",
            contactPhone = "13900139000",
            address = "青海省西宁市城北区生物园区 1 号",
            capacityKva = 2000,
            voltageKv = 10,
            sourceCount = 2,
        });
        var id = submitted.GetProperty("id").GetGuid();
        var item = await WaitForOpenAcceptanceAsync(id);
        await system.ApiAsync(HttpMethod.Post, $"/api/applications/work-items/{item}/complete", "clerk-gantt", "clerk",
            body: new { documentsComplete = true, remarks = "资料齐全" });

        var page = await system.SignInAsync("platform-gantt", "platform");
        await page.GotoAsync($"/platform/gantt/{id}");
        await page.GetByTestId("gantt").WaitForAsync();
        var critical = page.Locator("[data-testid=gantt-row][data-critical=true]");
        await Expect(critical.First).ToBeVisibleAsync();
        Assert.True(await critical.CountAsync() >= 3, "a HV application's critical path runs through several activities");
        await Expect(page.GetByTestId("critical-path")).ToContainTextAsync("→");
        // Every critical activity has no total float; the chart's rows carry each activity's float.
        foreach (var row in await critical.AllAsync())
        {
            Assert.Equal("0", await row.GetAttributeAsync("data-total-float"));
        }
        await Expect(page.GetByTestId("deviation-table")).ToBeVisibleAsync();
    }

    private async Task<Guid> WaitForOpenAcceptanceAsync(Guid applicationId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var items = await system.ApiAsync(HttpMethod.Get, $"/api/applications/work-items?status=open&applicationId={applicationId}", "clerk-gantt", "clerk");
            if (items.GetArrayLength() > 0)
            {
                return items[0].GetProperty("id").GetGuid();
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"受理 of {applicationId} did not open.");
    }
}
