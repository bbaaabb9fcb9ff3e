using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Tests.Support;

namespace YeKuo.IntegrationTests;

/// <summary>Drives the system the way its users do: HTTP through the gateway, one step at a time.</summary>
public sealed class GatewayClient : IDisposable
{
    public static readonly TimeSpan HandoffTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly HttpClient _tokens;
    private readonly ConcurrentDictionary<string, Task<string>> _tokenCache = new();

    /// <summary>Requests naming no user go out as the test operator (an admin token from the gateway's dev-token issuer).</summary>
    public GatewayClient(Uri gateway)
    {
        _tokens = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        _http = new HttpClient(new DefaultIdentityHandler(this) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http => _http;

    /// <summary>A token for <paramref name="user"/> from <c>POST /auth/dev-token</c> (role by name, see <see cref="TestIdentities.IdentityOf"/>), cached.</summary>
    public Task<string> TokenAsync(string user, string defaultDepartment = "Acceptance")
    {
        var (role, department) = TestIdentities.IdentityOf(user, defaultDepartment);
        return _tokenCache.GetOrAdd($"{user}|{role}|{department}", _ => TokenAsync(user, role, department));
    }

    /// <summary>A token for any subject, role and department (not cached).</summary>
    public async Task<string> TokenAsync(string subject, string role, string? department)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await _tokens.PostAsJsonAsync("/auth/dev-token", new { subject, role, department });
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                // The issuer is rate-limited per client like every public endpoint.
                await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1));
                continue;
            }
            Assert.True(response.IsSuccessStatusCode, $"dev-token for {subject} ({role}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
    }

    /// <summary>An HTTP client to <paramref name="address"/> (e.g. a service's own endpoint) acting as <paramref name="user"/>.</summary>
    public async Task<HttpClient> ClientAsAsync(string user, Uri? address = null)
    {
        var client = new HttpClient { BaseAddress = address ?? _http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        return client;
    }

    /// <summary>Acts as <paramref name="user"/>; unnamed staff work in the department whose API the request calls.</summary>
    private async Task AuthorizeAsync(HttpRequestMessage request, string user) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            await TokenAsync(user, TestIdentities.DepartmentOfPath(request.RequestUri?.OriginalString ?? "")));

    private sealed class DefaultIdentityHandler(GatewayClient owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is null && request.Headers.TryGetValues("X-Anonymous", out _) is false)
            {
                await owner.AuthorizeAsync(request, TestIdentities.Operator);
            }
            request.Headers.Remove("X-Anonymous");
            return await base.SendAsync(request, cancellationToken);
        }
    }

    public async Task<JsonElement> SubmitAsync(string customer, CustomerClass customerClass, ApplicationKind kind = ApplicationKind.NewConnection)
    {
        var (voltage, capacity, sources, identity) = customerClass switch
        {
            CustomerClass.HighVoltageSingleSource => (10m, 800m, 1, TestData.CreditCode),
            CustomerClass.HighVoltageDualSource => (10m, 2000m, 2, TestData.CreditCode),
            CustomerClass.Residential => (0.22m, 8m, 1, TestData.ResidentId),
            _ => (0.4m, 100m, 1, TestData.CreditCode),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = JsonContent.Create(new
            {
                customerName = "海北某水泥厂",
                customerClass = customerClass.ToString(),
                identityNumber = identity,
                contactPhone = "13800138000",
                address = "青海省海北州西海镇工业园 8 号",
                capacityKva = capacity,
                voltageKv = voltage,
                sourceCount = sources,
                kind = kind.ToString(),
                accountNumber = kind.NeedsAccount() ? "3301234567" : null,
                currentCapacityKva = kind == ApplicationKind.CapacityIncrease ? capacity : (decimal?)null,
                changes = kind == ApplicationKind.ChangeOfUse ? new[] { nameof(UseChange.VoltageChange) } : null,
                temporaryUntil = kind == ApplicationKind.TemporarySupply ? DateTime.UtcNow.AddDays(180).ToString("yyyy-MM-dd") : null,
            }),
        };
        await AuthorizeAsync(request, customer);
        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits for the department to open the step (the handoff), then completes it; returns the response.</summary>
    public async Task<HttpResponseMessage> CompleteStepAsync(
        Guid applicationId, Step step, string user, int round = 1, CustomerClass customerClass = CustomerClass.HighVoltageSingleSource)
    {
        var drive = StepDriver.For(step, customerClass, round);
        if (step == Step.PowerConnection && round == 1)
        {
            // 装表接电 opens only once the charges assessed with the scheme reply are paid.
            await PayChargesAsync(applicationId);
        }
        var workItem = await WaitForWorkItemAsync(drive.Prefix, applicationId, step, round);
        var workItemId = workItem.GetProperty("id").GetGuid();
        if (step == Step.SchemeReply)
        {
            await ApproveSchemeAsync(workItemId, drive.Body, user);
        }
        return await SendAsync(HttpMethod.Post, $"{drive.Prefix}/work-items/{workItemId}/complete", drive.Body, user);
    }

    /// <summary>The application's charges (供电方案's record) as <paramref name="user"/> sees them.</summary>
    public Task<JsonElement> ChargesAsync(Guid applicationId, string user = "clerk-counter") => GetAsync<JsonElement>(ChargesPath(applicationId), user);

    private static string ChargesPath(Guid applicationId) => $"/api/supply-scheme/applications/{applicationId}/charges";

    /// <summary>
    /// A counter clerk records the payment of the whole balance for the customer, once 供电方案 shows the charges assessed
    /// with the scheme reply (its record of the acceptance comes on a queue of its own and may still be on its way);
    /// nothing when the plan has no reply (三零) or nothing is payable.
    /// </summary>
    public async Task PayChargesAsync(Guid applicationId, string user = "clerk-counter")
    {
        var plan = (await GetApplicationAsync(applicationId)).GetProperty("plan").EnumerateArray().Select(s => s.GetString());
        if (!plan.Contains(nameof(Step.SchemeReply)))
        {
            return;
        }
        var charges = default(JsonElement);
        await WaitUntilAsync(async () =>
        {
            using var response = await GetResponseAsync(ChargesPath(applicationId), user);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false; // the account is not open yet
            }
            Assert.True(response.IsSuccessStatusCode, $"charges: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            charges = await response.Content.ReadFromJsonAsync<JsonElement>();
            return charges.GetProperty("status").GetString() != "NotAssessed";
        }, $"the charges of {applicationId} to be assessed");
        if (charges.GetProperty("status").GetString() != "Payable")
        {
            return;
        }
        using var paid = await SendAsync(HttpMethod.Post, $"{ChargesPath(applicationId)}/payments",
            new { reference = $"POS-{applicationId:N}", amount = charges.GetProperty("balance").GetDecimal() }, user);
        Assert.True(paid.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"payment: {(int)paid.StatusCode} {await paid.Content.ReadAsStringAsync()}");
    }

    /// <summary>方案答复 needs an approved draft first: submit it, every reviewing department approves, and a HV scheme passes the 方案审查会.</summary>
    private async Task ApproveSchemeAsync(Guid workItemId, object scheme, string drafter)
    {
        using var drafted = await SendAsync(HttpMethod.Post, $"/api/supply-scheme/work-items/{workItemId}/draft", scheme, drafter);
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, $"draft: {(int)drafted.StatusCode} {await drafted.Content.ReadAsStringAsync()}");
        var review = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        var reviewId = review.GetProperty("id").GetGuid();
        foreach (var department in review.GetProperty("reviewers").EnumerateArray().Select(d => d.GetString()!))
        {
            using var opinion = await SendAsync(HttpMethod.Post, $"/api/supply-scheme/reviews/{reviewId}/opinions",
                new { department, approve = true, comments = "同意" }, $"reviewer-{department}");
            Assert.True(opinion.StatusCode == HttpStatusCode.OK, $"opinion {department}: {(int)opinion.StatusCode} {await opinion.Content.ReadAsStringAsync()}");
        }

        var reviewed = await _http.GetFromJsonAsync<JsonElement>($"/api/supply-scheme/reviews/{reviewId}");
        if (reviewed.GetProperty("status").GetString() == "AwaitingMeeting")
        {
            using var decision = await SendAsync(HttpMethod.Post, $"/api/supply-scheme/reviews/{reviewId}/meeting-decision",
                new { approve = true, comments = "方案审查会通过" }, "meeting-chair");
            Assert.True(decision.StatusCode == HttpStatusCode.OK, $"meeting: {(int)decision.StatusCode} {await decision.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Completes an open work item with an explicit body (e.g. a failed inspection).</summary>
    public async Task<HttpResponseMessage> CompleteWithAsync(Guid applicationId, Step step, object body, string user, int round = 1)
    {
        var prefix = StepDriver.For(step).Prefix;
        var workItem = await WaitForWorkItemAsync(prefix, applicationId, step, round);
        return await SendAsync(HttpMethod.Post, $"{prefix}/work-items/{workItem.GetProperty("id").GetGuid()}/complete", body, user);
    }

    /// <summary>Posts to a work item's action (claim, pause, resume, draft, reject) once it is open.</summary>
    public async Task<HttpResponseMessage> WorkItemActionAsync(Guid applicationId, Step step, string action, object? body, string user, int round = 1)
    {
        var prefix = StepDriver.For(step).Prefix;
        var workItem = await WaitForWorkItemAsync(prefix, applicationId, step, round);
        return await SendAsync(HttpMethod.Post, $"{prefix}/work-items/{workItem.GetProperty("id").GetGuid()}/{action}", body ?? new { }, user);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, string user) => SendAsync(HttpMethod.Post, path, body, user);

    public async Task<T> GetAsync<T>(string path, string user)
    {
        using var response = await GetResponseAsync(path, user);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private async Task<HttpResponseMessage> GetResponseAsync(string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        await AuthorizeAsync(request, user);
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string user)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        await AuthorizeAsync(request, user);
        return await _http.SendAsync(request);
    }

    public async Task<JsonElement> WaitForWorkItemAsync(string prefix, Guid applicationId, Step step, int round = 1)
    {
        JsonElement? found = null;
        await WaitUntilAsync(async () =>
        {
            var items = await _http.GetFromJsonAsync<JsonElement[]>($"{prefix}/work-items?status=open&applicationId={applicationId}&step={step}");
            found = items!.FirstOrDefault(i => i.GetProperty("round").GetInt32() == round);
            return found.Value.ValueKind == JsonValueKind.Object;
        }, $"{step} (round {round}) to open in {prefix} for {applicationId}");
        return found!.Value;
    }

    public async Task<JsonElement> GetApplicationAsync(Guid id) =>
        await _http.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");

    public async Task<JsonElement[]> GetNoticesAsync(Guid applicationId) =>
        (await _http.GetFromJsonAsync<JsonElement[]>($"/api/notifications?applicationId={applicationId}"))!;

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? HandoffTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                // A service being restarted answers 502 through the gateway for a moment.
                last = ex;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what}.", last);
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokens.Dispose();
    }
}
