using System.Text.Json;
using YeKuo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace YeKuo.Web.Tests;

/// <summary>
/// The customer's request pages: after the scheme is confirmed the application waits on the customer, and 设计审查 opens
/// only when the customer submits the design documents from the application page; a request without its facts is
/// answered next to the fields; after a failed review the re-check request must say what was rectified.
/// </summary>
[Collection(WebSystemCollection.Name)]
public sealed class CustomerRequestPageTests(WebSystemFixture system)
{
    private const string Customer = "customer-requests";

    [Fact]
    public async Task The_design_review_opens_only_at_the_customers_request_and_the_recheck_request_says_what_was_rectified()
    {
        var id = await SchemeConfirmedAsync();
        var page = await system.SignInAsync(Customer, "customer");
        await page.GotoAsync($"/applications/{id}");

        // Waiting on the customer: their request is on the page, no design review runs.
        var request = page.Locator("[data-testid=customer-step][data-step=DesignSubmission]");
        await Expect(request).ToBeVisibleAsync();
        await Expect(page.GetByTestId("waiting")).ToHaveAttributeAsync("data-waiting-on", "Customer");
        Assert.Equal(0, (await ReviewsAsync(id)).GetArrayLength());

        // A request without its facts is answered next to the fields and changes nothing.
        await request.GetByTestId("complete").ClickAsync();
        await Expect(request.Locator("[data-field-error=contractor]")).ToBeVisibleAsync();
        await Expect(request.Locator("[data-field-error=documents]")).ToBeVisibleAsync();
        Assert.Equal(0, (await ReviewsAsync(id)).GetArrayLength());

        await Pages.CustomerRequestAsync(page, "DesignSubmission", "青海某电力设计院", "施工图设计文件\n电气一次、二次图纸");
        await Expect(page.Locator("[data-testid=timeline-step][data-step=DesignSubmission]")).ToHaveAttributeAsync("data-state", "done");
        var review = await WaitForAsync(id, "DesignReview", round: 1);
        Assert.NotEqual(JsonValueKind.Null, review.GetProperty("dueAt").ValueKind);

        // The review fails: 整改 is the customer's time, and the re-check request must say what was rectified.
        await system.ApiAsync(HttpMethod.Post, $"/api/inspection/work-items/{review.GetProperty("id").GetGuid()}/complete",
            "staff-inspection-pages", "staff", "Inspection", new { passed = false, defects = new[] { "未设计计量柜" } });
        await page.GotoAsync($"/applications/{id}");
        var recheck = page.Locator("[data-testid=customer-step][data-step=DesignSubmission][data-round='2']");
        await Expect(recheck.GetByTestId("recheck-request")).ToBeVisibleAsync();
        await recheck.GetByTestId("request-contractor").SetAsync("青海某电力设计院");
        await recheck.GetByTestId("request-documents").SetAsync("修改后的施工图");
        await recheck.GetByTestId("complete").ClickAsync();
        await Expect(recheck.Locator("[data-field-error=rectification]")).ToBeVisibleAsync();

        await Pages.CustomerRequestAsync(page, "DesignSubmission", "青海某电力设计院", "修改后的施工图", rectification: "已增设计量柜");
        await WaitForAsync(id, "DesignReview", round: 2);
    }

    /// <summary>Set-up through the API: a 10 kV single-source application accepted, surveyed, its scheme reviewed, replied and confirmed.</summary>
    private async Task<Guid> SchemeConfirmedAsync()
    {
        var submitted = await system.ApiAsync(HttpMethod.Post, "/api/applications", Customer, "customer", body: new
        {
            customerName = "西宁某物流园",
            customerClass = "HighVoltageSingleSource",
            identityNumber = "91632200MA752ABC1C",
            contactPhone = "13900139001",
            address = "青海省西宁市城东区物流路 8 号",
            capacityKva = 800,
            voltageKv = 10,
            sourceCount = 1,
        });
        var id = submitted.GetProperty("id").GetGuid();
        await CompleteAsync(id, "/api/applications", "Acceptance", "clerk-pages", "clerk", null, new { documentsComplete = true, remarks = "资料齐全" });
        await CompleteAsync(id, "/api/supply-scheme", "SiteSurvey", "staff-scheme-pages", "staff", "SupplyScheme",
            new { findings = "附近 10kV 线路有裕量", gridCapacityAvailable = true });
        // 方案答复 needs an approved draft: every reviewing department approves, then the 方案审查会 (the head).
        var scheme = new { voltageKv = 10, sourceCount = 1, capacityKva = 800, meteringMethod = "HighSupplyHighMetering", summary = "10kV 单电源供电，高供高计" };
        var reply = await WaitForAsync(id, "SchemeReply", round: 1, "/api/supply-scheme", "staff-scheme-pages", "staff", "SupplyScheme");
        var review = await system.ApiAsync(HttpMethod.Post, $"/api/supply-scheme/work-items/{reply.GetProperty("id").GetGuid()}/draft",
            "staff-scheme-pages", "staff", "SupplyScheme", scheme);
        var reviewId = review.GetProperty("id").GetGuid();
        foreach (var department in review.GetProperty("reviewers").EnumerateArray().Select(d => d.GetString()!))
        {
            await system.ApiAsync(HttpMethod.Post, $"/api/supply-scheme/reviews/{reviewId}/opinions", $"reviewer-{department}", "staff", TestIdentities.ReviewerDepartmentOf(department),
                new { department, approve = true, comments = "同意" });
        }
        var reviewed = await system.ApiAsync(HttpMethod.Get, $"/api/supply-scheme/reviews/{reviewId}", "staff-scheme-pages", "staff", "SupplyScheme");
        if (reviewed.GetProperty("status").GetString() == "AwaitingMeeting")
        {
            await system.ApiAsync(HttpMethod.Post, $"/api/supply-scheme/reviews/{reviewId}/meeting-decision", "head-scheme-pages", "head", "SupplyScheme",
                new { approve = true, comments = "方案审查会通过" });
        }
        await CompleteAsync(id, "/api/supply-scheme", "SchemeReply", "staff-scheme-pages", "staff", "SupplyScheme", scheme);
        await CompleteAsync(id, "/api/supply-scheme", "SchemeConfirmation", Customer, "customer", null, new { confirmed = true });
        return id;
    }

    private async Task CompleteAsync(Guid id, string prefix, string step, string subject, string role, string? department, object body)
    {
        var item = await WaitForAsync(id, step, round: 1, prefix, subject, role, department);
        await system.ApiAsync(HttpMethod.Post, $"{prefix}/work-items/{item.GetProperty("id").GetGuid()}/complete", subject, role, department, body);
    }

    private Task<JsonElement> ReviewsAsync(Guid id) =>
        system.ApiAsync(HttpMethod.Get, $"/api/inspection/work-items?status=all&applicationId={id}&step=DesignReview", "staff-inspection-pages", "staff", "Inspection");

    private async Task<JsonElement> WaitForAsync(
        Guid id, string step, int round, string prefix = "/api/inspection", string subject = "staff-inspection-pages", string role = "staff", string? department = "Inspection")
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var items = await system.ApiAsync(HttpMethod.Get, $"{prefix}/work-items?status=open&applicationId={id}&step={step}", subject, role, department);
            if (items.EnumerateArray().FirstOrDefault(i => i.GetProperty("round").GetInt32() == round) is { ValueKind: JsonValueKind.Object } item)
            {
                return item;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{step} (round {round}) of {id} did not open in {prefix}.");
    }
}
