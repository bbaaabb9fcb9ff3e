using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>Drives the system the way its users do: HTTP through the gateway, one step at a time.</summary>
public sealed class GatewayClient(Uri gateway) : IDisposable
{
    public static readonly TimeSpan HandoffTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => _http;

    public async Task<JsonElement> SubmitAsync(string customer, CustomerClass customerClass)
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
            }),
        };
        request.Headers.Add("X-User", customer);
        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits for the department to open the step (the handoff), then completes it; returns the response.</summary>
    public async Task<HttpResponseMessage> CompleteStepAsync(
        Guid applicationId, Step step, string user, int round = 1, CustomerClass customerClass = CustomerClass.HighVoltageSingleSource)
    {
        var drive = StepDriver.For(step, customerClass);
        var workItem = await WaitForWorkItemAsync(drive.Prefix, applicationId, step, round);
        var workItemId = workItem.GetProperty("id").GetGuid();
        if (step == Step.SchemeReply)
        {
            await ApproveSchemeAsync(workItemId, drive.Body, user);
        }
        return await SendAsync(HttpMethod.Post, $"{drive.Prefix}/work-items/{workItemId}/complete", drive.Body, user);
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
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-User", user);
        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string user)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-User", user);
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

    public void Dispose() => _http.Dispose();
}
