using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using YeKuo.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace YeKuo.Web.Tests;

/// <summary>
/// The whole system from the AppHost's own graph (private RabbitMQ and Redis on free loopback ports, five services, the
/// gateway, the web app) in a fresh state directory under /tmp, and Debian's chromium driven by Playwright. Everything
/// is stopped and removed afterwards.
/// </summary>
public sealed class WebSystemFixture : YeKuoSystemFixture
{
    /// <summary>Debian's chromium (eng/install-prereqs.sh --with-chromium); <c>YEKUO_CHROMIUM</c> overrides.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("YEKUO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The flags this machine needs (no sandbox as root, no network chatter the closed network refuses).</summary>
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private HttpClient? _api;
    private IPlaywright? _playwright;
    private readonly Dictionary<(string Subject, string Role, string? Department), (string Token, DateTimeOffset RenewAt)> _tokens = [];

    /// <summary>The gateway: the only address the browser uses.</summary>
    public Uri Gateway { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Never a silent pass: CI installs it (.ci/run → test.sh → eng/install-prereqs.sh --with-chromium).
            throw new InvalidOperationException(
                $"Debian's chromium is not installed at {ChromiumPath}: run 'eng/install-prereqs.sh --with-chromium' (or 'sudo apt-get install -y chromium'), "
                + "or set YEKUO_CHROMIUM to a Chromium binary. The web tests cannot run without it."
                + (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: .ci/run should have installed it; see its output.)" : ""));
        }
        Assertions.SetDefaultExpectTimeout(60_000);

        await base.InitializeAsync();
        Gateway = App.Gateway;
        _api = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };

        try
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumFlags,
                Timeout = 60_000,
            });
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Playwright could not start {ChromiumPath}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs a browser journey; when a wait in it fails, fails with what every open page shows (URL, problem banners, the
    /// start of its text) beside Playwright's own message, so a CI failure names the page's state, not only a timeout.
    /// </summary>
    public async Task ExplainingFailuresAsync(Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            throw new TimeoutException($"{ex.Message}\n--- what the open pages show ---\n{await WhatThePagesShowAsync()}", ex);
        }
    }

    private async Task<string> WhatThePagesShowAsync()
    {
        var shown = new System.Text.StringBuilder();
        foreach (var page in Browser.Contexts.SelectMany(c => c.Pages))
        {
            try
            {
                var problems = await ProblemsOn(page).AllInnerTextsAsync();
                shown.AppendLine($"{page.Url}: problems [{string.Join(" | ", problems)}]; text: {(await TextOfAsync(page, 400)).ReplaceLineEndings(" ")}");
            }
            catch (PlaywrightException read)
            {
                shown.AppendLine($"{page.Url}: (not readable: {read.Message})");
            }
        }
        return shown.ToString();
    }

    /// <summary>What a page says went wrong: the problem banner, a field's error, a form's validation message.</summary>
    private static ILocator ProblemsOn(IPage page) =>
        page.GetByTestId("problem").Or(page.Locator("[data-field-error]")).Or(page.Locator(".validation-message"));

    /// <summary>The start of the text a page shows (for a failure's message).</summary>
    private static async Task<string> TextOfAsync(IPage page, int characters)
    {
        var text = await page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 });
        return text[..Math.Min(text.Length, characters)];
    }

    /// <summary>A new browser session (own cookies) signed in through the sign-in page as this user.</summary>
    public async Task<IPage> SignInAsync(string subject, string role, string? department = null, string? name = null, Screenshots? shots = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByTestId("signin-subject").FillAsync(subject);
        if (name is not null)
        {
            await page.GetByTestId("signin-name").FillAsync(name);
        }
        await page.GetByTestId("signin-role").SelectOptionAsync(role);
        if (department is not null)
        {
            await page.GetByTestId("signin-department").SelectOptionAsync(department);
        }
        if (shots is not null)
        {
            await shots.SaveAsync(page, "signin");
        }
        await page.GetByTestId("signin-submit").ClickAsync();
        // Either the sign-in lands (the signed-in badge) or the page says why not: a failure names the page's own words
        // rather than timing out on a URL that never changes.
        var refused = ProblemsOn(page);
        var signedIn = page.GetByTestId("who");
        try
        {
            await signedIn.Or(refused).First.WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Signing in as {subject} ({role}) neither landed nor said why; at {page.Url} the page shows: {await TextOfAsync(page, 600)}", ex);
        }
        if (await signedIn.CountAsync() == 0)
        {
            throw new InvalidOperationException($"Signing in as {subject} ({role}) was refused at {page.Url}: {await refused.First.InnerTextAsync()}");
        }
        Assert.DoesNotContain("/signin", page.Url, StringComparison.Ordinal);
        return page;
    }

    /// <summary>An API call through the gateway with a development token (for test set-up only; the tests act in the browser).</summary>
    public async Task<JsonElement> ApiAsync(HttpMethod method, string path, string subject, string role, string? department = null, object? body = null)
    {
        var token = await TokenAsync(subject, role, department);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _api!.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// A development token per user, minted once and reused until shortly before it expires: set-up loops poll the API,
    /// and a token per call would spend the gateway's public rate limit that the browser's own sign-ins share.
    /// </summary>
    private async Task<string> TokenAsync(string subject, string role, string? department)
    {
        var key = (subject, role, department);
        if (_tokens.TryGetValue(key, out var cached) && cached.RenewAt > DateTimeOffset.UtcNow)
        {
            return cached.Token;
        }
        using var response = await _api!.PostAsJsonAsync("/auth/dev-token", new { subject, role, department });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /auth/dev-token for {subject} ({role}): {(int)response.StatusCode} {text}");
        var issued = JsonDocument.Parse(text).RootElement;
        var token = issued.GetProperty("accessToken").GetString()!;
        _tokens[key] = (token, DateTimeOffset.UtcNow.AddSeconds(issued.GetProperty("expiresIn").GetInt32() / 2));
        return token;
    }

    /// <summary>A 高压单电源 application of <paramref name="customer"/>, submitted and accepted (受理) by <paramref name="clerk"/>, for set-up.</summary>
    public async Task<Guid> AcceptedHighVoltageApplicationAsync(string customer, string clerk)
    {
        var submitted = await ApiAsync(HttpMethod.Post, "/api/applications", customer, "customer", body: new
        {
            customerName = "福州某精密制造有限公司",
            customerClass = "HighVoltageSingleSource",
            identityNumber = "91350100M000100Y43",
            contactPhone = "13800138000",
            address = "福州市鼓楼区五四路 1 号",
            capacityKva = 800,
            voltageKv = 10,
            sourceCount = 1,
        });
        var id = submitted.GetProperty("id").GetGuid();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var items = await ApiAsync(HttpMethod.Get, $"/api/applications/work-items?status=open&applicationId={id}", clerk, "clerk");
            if (items.GetArrayLength() > 0)
            {
                await ApiAsync(HttpMethod.Post, $"/api/applications/work-items/{items[0].GetProperty("id").GetGuid()}/complete", clerk, "clerk",
                    body: new { documentsComplete = true, remarks = "资料齐全" });
                return id;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"受理 of {id} did not open.");
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        _api?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebSystemCollection : ICollectionFixture<WebSystemFixture>
{
    public const string Name = "web-system";
}
