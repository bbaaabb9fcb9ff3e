using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.IntegrationTests;

namespace YeKuo.Security.Tests;

/// <summary>
/// A customer sees and acts only on their own applications: anyone else's answer 404 (not 403, which would confirm
/// they exist) — applications, progress, notices, scheme confirmation items, follow-ups, complaints. Staff act only on
/// their own department's work items.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IsolationTests(SystemFixture system)
{
    private static readonly Step[] Steps = StepDriver.HighVoltagePlan;

    [Fact]
    public async Task Another_customer_gets_404_for_everything_of_an_application_that_is_not_theirs()
    {
        var gateway = system.Gateway;
        const string owner = "customer-isolation-owner";
        var id = (await gateway.SubmitAsync(owner, CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        using var mine = await SecurityClients.ClientAsync(gateway, new Identity(owner, "customer"));
        using var other = await SecurityClients.ClientAsync(gateway, new Identity("customer-isolation-other", "customer"));

        // Through the scheme reply: the customer's 客户确认方案 is open for the owner.
        foreach (var step in Steps.TakeWhile(s => s != Step.SchemeConfirmation))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, owner));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var confirmation = await gateway.WaitForWorkItemAsync("/api/supply-scheme", id, Step.SchemeConfirmation);
        var confirmationId = confirmation.GetProperty("id").GetGuid();

        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Get, $"/api/applications/{id}");
        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Get, $"/api/applications/{id}/progress");
        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Get, $"/api/supply-scheme/work-items/{confirmationId}");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/applications/{id}");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/applications/{id}/progress");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/applications/{id}/deviation");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Post, $"/api/applications/{id}/withdraw", new { reason = "不是我的" });
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/supply-scheme/work-items/{confirmationId}");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Post, $"/api/supply-scheme/work-items/{confirmationId}/complete", new { confirmed = true });
        Assert.DoesNotContain(await ListAsync(other, "/api/applications"), a => a.GetProperty("id").GetGuid() == id);
        Assert.Contains(await ListAsync(mine, "/api/applications"), a => a.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(await ListAsync(other, $"/api/supply-scheme/work-items?applicationId={id}"), w => w.GetProperty("id").GetGuid() == confirmationId);
        // A customer's worklist holds only their own customer steps, never the department's work.
        Assert.All(await ListAsync(mine, $"/api/supply-scheme/work-items?applicationId={id}"), w => Assert.Equal("SchemeConfirmation", w.GetProperty("step").GetString()));

        // Notices: the owner's are theirs alone, whatever the filter says.
        JsonElement[] notices = [];
        await GatewayClient.WaitUntilAsync(async () => (notices = await ListAsync(mine, $"/api/notifications?applicationId={id}")).Length > 0, "the owner's notices");
        var noticeId = notices[0].GetProperty("id").GetGuid();
        Assert.Empty(await ListAsync(other, $"/api/notifications?applicationId={id}"));
        Assert.Empty(await ListAsync(other, $"/api/notifications?customerId={owner}"));
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/notifications/{noticeId}");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Post, $"/api/notifications/{noticeId}/read");
        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Get, $"/api/notifications/{noticeId}");

        // The owner confirms their scheme; the application waits on the owner's design documents, which no one else sees
        // or submits (the request would start the design review's clock).
        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Post, $"/api/supply-scheme/work-items/{confirmationId}/complete", new { confirmed = true });
        var submissionId = (await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.DesignSubmission)).GetProperty("id").GetGuid();
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/inspection/work-items/{submissionId}");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Post, $"/api/inspection/work-items/{submissionId}/complete",
            new { contractor = "冒名设计院", documents = new[] { "施工图" } });
        Assert.Empty(await ListAsync(other, $"/api/inspection/work-items?applicationId={id}"));
        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Get, $"/api/inspection/work-items/{submissionId}");
        foreach (var step in Steps.SkipWhile(s => s != Step.SchemeConfirmation).Skip(1))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, owner));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Complaints and follow-ups (回访 after power connected).
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Post, "/api/notifications/complaints",
            new { applicationId = id, category = Categories(), text = "冒名投诉" });
        using var complained = await SecurityClients.SendAsync(mine, HttpMethod.Post, "/api/notifications/complaints",
            new { applicationId = id, category = Categories(), text = "接电太慢" });
        Assert.Equal(HttpStatusCode.Created, complained.StatusCode);
        var complaintId = (await SecurityClients.ReadAsync(complained)).GetProperty("id").GetGuid();
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/notifications/complaints/{complaintId}");
        Assert.Empty(await ListAsync(other, $"/api/notifications/complaints?applicationId={id}"));
        Assert.Single(await ListAsync(mine, $"/api/notifications/complaints?applicationId={id}"));

        JsonElement[] followUps = [];
        await GatewayClient.WaitUntilAsync(async () => (followUps = (await ListAsync(mine, "/api/notifications/follow-ups"))
            .Where(f => f.GetProperty("applicationId").GetGuid() == id).ToArray()).Length > 0, "the owner's follow-up");
        var followUpId = followUps[0].GetProperty("id").GetGuid();
        Assert.DoesNotContain(await ListAsync(other, "/api/notifications/follow-ups"), f => f.GetProperty("applicationId").GetGuid() == id);
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Get, $"/api/notifications/follow-ups/{followUpId}");
        await ExpectAsync(HttpStatusCode.NotFound, other, HttpMethod.Post, $"/api/notifications/follow-ups/{followUpId}/rating", new { score = 1 });
        await ExpectAsync(HttpStatusCode.OK, mine, HttpMethod.Post, $"/api/notifications/follow-ups/{followUpId}/rating", new { score = 5 });
    }

    [Fact]
    public async Task A_customer_manager_reads_in_Notification_only_what_Acceptance_shows_them()
    {
        var gateway = system.Gateway;
        const string customer = "customer-isolation-managed";
        var id = (await gateway.SubmitAsync(customer, CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        foreach (var step in Steps.TakeWhile(s => s != Step.SchemeConfirmation))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var owner = await SecurityClients.ClientAsync(gateway, new Identity(customer, "customer"));
        JsonElement application = default;
        await GatewayClient.WaitUntilAsync(async () =>
            (application = await SecurityClients.ReadAsync(await owner.GetAsync($"/api/applications/{id}"))).TryGetProperty("customerManager", out var m)
            && m.ValueKind == JsonValueKind.String, "the application's 客户经理");
        var managerName = application.GetProperty("customerManager").GetString()!;
        using var manager = await SecurityClients.ClientAsync(gateway, new Identity(managerName, "manager"));
        using var stranger = await SecurityClients.ClientAsync(gateway, new Identity("manager-of-nobody", "manager"));

        JsonElement[] notices = [];
        await GatewayClient.WaitUntilAsync(async () => (notices = await ListAsync(manager, $"/api/notifications?applicationId={id}")).Length >= 3,
            "the manager's view of the notices");
        var noticeId = notices[0].GetProperty("id").GetGuid();
        using (var complained = await SecurityClients.SendAsync(owner, HttpMethod.Post, "/api/notifications/complaints",
            new { applicationId = id, category = Categories(), text = "方案答复太慢" }))
        {
            Assert.Equal(HttpStatusCode.Created, complained.StatusCode);
            var complaintId = (await SecurityClients.ReadAsync(complained)).GetProperty("id").GetGuid();
            await ExpectAsync(HttpStatusCode.OK, manager, HttpMethod.Get, $"/api/notifications/complaints/{complaintId}");
            await ExpectAsync(HttpStatusCode.NotFound, stranger, HttpMethod.Get, $"/api/notifications/complaints/{complaintId}");
        }

        // Acceptance and Notification agree: the stranger gets 404 or nothing everywhere.
        await ExpectAsync(HttpStatusCode.OK, manager, HttpMethod.Get, $"/api/applications/{id}");
        await ExpectAsync(HttpStatusCode.NotFound, stranger, HttpMethod.Get, $"/api/applications/{id}");
        await ExpectAsync(HttpStatusCode.OK, manager, HttpMethod.Get, $"/api/notifications/{noticeId}");
        await ExpectAsync(HttpStatusCode.NotFound, stranger, HttpMethod.Get, $"/api/notifications/{noticeId}");
        Assert.Empty(await ListAsync(stranger, $"/api/notifications?applicationId={id}"));
        Assert.Empty(await ListAsync(stranger, $"/api/notifications?customerId={customer}"));
        Assert.Single(await ListAsync(manager, $"/api/notifications/complaints?applicationId={id}"));
        Assert.Empty(await ListAsync(stranger, $"/api/notifications/complaints?applicationId={id}"));
        Assert.Empty(await ListAsync(stranger, "/api/notifications/follow-ups"));
        // Nobody but the customer marks the customer's notice read.
        await ExpectAsync(HttpStatusCode.Forbidden, manager, HttpMethod.Post, $"/api/notifications/{noticeId}/read");
        await ExpectAsync(HttpStatusCode.Forbidden, stranger, HttpMethod.Post, $"/api/notifications/{noticeId}/read");
        await ExpectAsync(HttpStatusCode.OK, owner, HttpMethod.Post, $"/api/notifications/{noticeId}/read");
    }

    [Fact]
    public async Task Staff_act_only_on_their_own_departments_work_items_and_customers_submit_only_for_themselves()
    {
        var gateway = system.Gateway;
        var id = (await gateway.SubmitAsync("customer-isolation-dept", CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        using (var accepted = await gateway.CompleteStepAsync(id, Step.Acceptance, "staff-acceptance"))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        var survey = (await gateway.WaitForWorkItemAsync("/api/supply-scheme", id, Step.SiteSurvey)).GetProperty("id").GetGuid();

        using var inspector = await SecurityClients.ClientAsync(gateway, new Identity("inspector-isolation", "staff", "Inspection"));
        using var inspectionHead = await SecurityClients.ClientAsync(gateway, new Identity("head-inspection-isolation", "head", "Inspection"));
        using var surveyor = await SecurityClients.ClientAsync(gateway, new Identity("surveyor-isolation", "staff", "SupplyScheme"));
        await ExpectAsync(HttpStatusCode.Forbidden, inspector, HttpMethod.Post, $"/api/supply-scheme/work-items/{survey}/claim");
        await ExpectAsync(HttpStatusCode.Forbidden, inspector, HttpMethod.Get, $"/api/supply-scheme/work-items?applicationId={id}");
        await ExpectAsync(HttpStatusCode.Forbidden, inspectionHead, HttpMethod.Post, $"/api/supply-scheme/work-items/{survey}/reassign", new { assignee = "someone" });
        // Staff may not reassign (the head does), but may claim their own department's item.
        await ExpectAsync(HttpStatusCode.Forbidden, surveyor, HttpMethod.Post, $"/api/supply-scheme/work-items/{survey}/reassign", new { assignee = "someone" });
        await ExpectAsync(HttpStatusCode.OK, surveyor, HttpMethod.Post, $"/api/supply-scheme/work-items/{survey}/claim");

        // A customer cannot name another customer; a clerk can (and must name someone real).
        using var customer = await SecurityClients.ClientAsync(gateway, new Identity("customer-isolation-self", "customer"));
        using var clerk = await SecurityClients.ClientAsync(gateway, new Identity("clerk-isolation", "clerk"));
        var body = Application("customer-isolation-victim");
        using (var spoofed = await SecurityClients.SendAsync(customer, HttpMethod.Post, "/api/applications", body))
        {
            Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
            Assert.True((await SecurityClients.ReadAsync(spoofed)).GetProperty("errors").TryGetProperty("customerId", out _));
        }
        using (var onBehalf = await SecurityClients.SendAsync(clerk, HttpMethod.Post, "/api/applications", body))
        {
            Assert.Equal(HttpStatusCode.Created, onBehalf.StatusCode);
            Assert.Equal("customer-isolation-victim", (await SecurityClients.ReadAsync(onBehalf)).GetProperty("customerId").GetString());
        }
    }

    public static object Application(string? customerId) => new
    {
        customerName = "海北某水泥厂",
        customerClass = "HighVoltageSingleSource",
        identityNumber = TestData.CreditCode,
        contactPhone = "13800138000",
        address = "青海省海北州西海镇工业园 8 号",
        capacityKva = 800,
        voltageKv = 10,
        sourceCount = 1,
        customerId,
    };

    private static string Categories() => "Timeliness";

    private static async Task<JsonElement[]> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    private static async Task ExpectAsync(HttpStatusCode expected, HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var response = await SecurityClients.SendAsync(client, method, path, body);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
