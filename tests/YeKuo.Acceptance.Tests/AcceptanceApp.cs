using System.Net.Http.Json;
using YeKuo.Acceptance.Apis;
using YeKuo.Tests.Support;

namespace YeKuo.Acceptance.Tests;

/// <summary>The Acceptance service in-process, its clock fixed at Mon 2026-03-02 10:00 China time.</summary>
public sealed class AcceptanceApp() : ServiceApp<Program>("acceptancedb", "/api/applications")
{
    public Task<HttpResponseMessage> SubmitAsync(object request, string customer = "cust-1") =>
        PostAsync("/api/applications", request, customer);

    /// <summary>Submits a valid application and returns it with its 受理 work item.</summary>
    public async Task<(ApplicationDetails Application, Guid AcceptanceWorkItemId)> SubmitValidAsync(object? request = null, string customer = "cust-1")
    {
        var response = await SubmitAsync(request ?? Requests.HighVoltageSingleSource(), customer);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var application = (await response.Content.ReadFromJsonAsync<ApplicationDetails>(Json))!;
        var item = Assert.Single(await WorkItemsAsync(application.Id));
        return (application, item.Id);
    }

    public async Task<ApplicationDetails> ApplicationAsync(Guid id) =>
        (await CreateClient().GetFromJsonAsync<ApplicationDetails>($"/api/applications/{id}", Json))!;
}
