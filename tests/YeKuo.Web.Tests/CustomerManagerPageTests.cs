using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace YeKuo.Web.Tests;

/// <summary>
/// 客户经理负责制 in the browser: the head of 受理 moves a customer to another 客户经理 with a reason on 客户经理分配, the
/// customer's open application follows, and the new manager finds it on their worklist (the old one no longer does).
/// </summary>
[Collection(WebSystemCollection.Name)]
public sealed class CustomerManagerPageTests(WebSystemFixture system)
{
    private static readonly string[] Managers = ["cm-zhang", "cm-li", "cm-wang"];

    [Fact]
    public async Task The_head_of_acceptance_changes_a_customers_manager_with_a_reason_and_the_new_manager_sees_the_application()
    {
        const string customer = "customer-cm-page";
        var id = await system.AcceptedHighVoltageApplicationAsync(customer, "clerk-cm-page");
        var details = await system.ApiAsync(HttpMethod.Get, $"/api/applications/{id}", "test-admin", "admin");
        var first = details.GetProperty("customerManager").GetString()!;
        var number = details.GetProperty("number").GetString()!;
        var next = Managers.First(m => m != first);

        var head = await system.SignInAsync("head-acceptance-sun", "head", "Acceptance", "孙主任");
        await head.GotoAsync("/manager/customers");
        var row = head.Locator($"[data-testid=customer-row][data-customer='{customer}']");
        await Expect(row).ToHaveAttributeAsync("data-manager", first);

        // Without a reason the change is refused and nothing moves.
        await row.GetByTestId("change-manager").ClickAsync();
        await row.GetByTestId("new-manager").SetAsync(next);
        await row.GetByTestId("save-manager").ClickAsync();
        await Expect(head.GetByTestId("problem")).ToBeVisibleAsync();
        await Expect(row).ToHaveAttributeAsync("data-manager", first);

        await row.GetByTestId("change-reason").SetAsync("原客户经理调岗");
        await row.GetByTestId("save-manager").ClickAsync();
        await Expect(head.GetByTestId("manager-changed")).ToBeVisibleAsync();
        await Expect(row).ToHaveAttributeAsync("data-manager", next);

        var moved = await system.ApiAsync(HttpMethod.Get, $"/api/applications/{id}", "test-admin", "admin");
        Assert.Equal(next, moved.GetProperty("customerManager").GetString());

        var newManager = await system.SignInAsync(next, "manager");
        await newManager.GotoAsync("/manager");
        await Expect(newManager.Locator($"[data-testid=manager-row][data-number='{number}']")).ToHaveCountAsync(1);

        var oldManager = await system.SignInAsync(first, "manager");
        await oldManager.GotoAsync("/manager");
        await oldManager.GetByTestId("manager-worklist").Or(oldManager.GetByTestId("manager-empty")).First.WaitForAsync();
        await Expect(oldManager.Locator($"[data-testid=manager-row][data-number='{number}']")).ToHaveCountAsync(0);
    }
}
