using Microsoft.Playwright;
using YeKuo.Testing;

namespace YeKuo.Web.Tests;

/// <summary>Full-page screenshots of the pages a test visits, numbered in order, into docs/screenshots/ (linked from the README).</summary>
public sealed class Screenshots
{
    private int _next = 1;

    public static string Directory { get; } = Path.Combine(RepositoryRoot.Find(), "docs", "screenshots");

    public List<string> Saved { get; } = [];

    public async Task SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Let the page settle (live refresh, fonts) before the picture.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 }).ContinueWith(_ => { });
        var file = $"{_next++:00}-{name}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, file), FullPage = true });
        Saved.Add(file);
    }
}
