using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace YeKuo.Web.Tests;

/// <summary>What a user does on the worklist and work item pages.</summary>
public static class Pages
{
    /// <summary>
    /// Blazor's <c>@bind</c> listens to <c>change</c>, which a typed value raises only on blur: fill, then say the value
    /// changed, so the circuit has it before the next click rather than through that click's blur.
    /// </summary>
    public static async Task SetAsync(this ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.DispatchEventAsync("change");
    }

    /// <summary>The open work item of this application and step in the department's worklist (waits for the handoff).</summary>
    public static async Task<ILocator> WorkItemRowAsync(IPage page, string department, string number, string step)
    {
        if (!page.Url.EndsWith($"/work/{department}", StringComparison.Ordinal))
        {
            await page.GotoAsync($"/work/{department}");
        }
        var row = page.Locator($"[data-testid=work-item][data-number='{number}'][data-step='{step}']");
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    /// <summary>Claims the item in the worklist (if unclaimed) and opens it.</summary>
    public static async Task OpenWorkItemAsync(IPage page, string department, string number, string step)
    {
        var row = await WorkItemRowAsync(page, department, number, step);
        if (await row.GetAttributeAsync("data-status") == "Open")
        {
            await row.GetByTestId("claim").ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-status", "InProgress");
        }
        await row.GetByTestId("open-item").ClickAsync();
        await page.GetByTestId($"form-{step}").WaitForAsync();
    }

    /// <summary>
    /// Makes one of the customer's requests from the application page (the customer, or a counter clerk for them): the
    /// open customer step's form, then waits until it is gone (the request is made; the department's step opens).
    /// </summary>
    public static async Task CustomerRequestAsync(IPage page, string step, string contractor, string documents, string? rectification = null)
    {
        var panel = page.Locator($"[data-testid=customer-step][data-step={step}]");
        await Expect(panel).ToHaveCountAsync(1);
        await panel.GetByTestId("request-contractor").SetAsync(contractor);
        await panel.GetByTestId("request-documents").SetAsync(documents);
        if (rectification is not null)
        {
            await panel.GetByTestId("request-rectification").SetAsync(rectification);
        }
        await panel.GetByTestId("complete").ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
    }

    /// <summary>Submits the step's form and waits until the work item is closed.</summary>
    public static async Task CompleteAsync(IPage page)
    {
        await page.GetByTestId("complete").ClickAsync();
        await page.GetByTestId("item-closed").WaitForAsync();
    }
}
