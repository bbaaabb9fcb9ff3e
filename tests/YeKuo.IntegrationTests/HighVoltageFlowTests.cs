using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class HighVoltageFlowTests(SystemFixture system)
{
    /// <summary>A 10 kV 新装's plan: each inspection after the customer's request that starts its clock.</summary>
    public static readonly Step[] HighVoltageSteps = StepDriver.HighVoltagePlan;

    /// <summary>The customer-facing notices of a passed HV application, one each.</summary>
    public static readonly string[] HighVoltageNotices =
    [
        "ApplicationSubmitted", "ApplicationAccepted", "SiteSurveyCompleted", "SchemeReplied", "DesignReviewPassed",
        "IntermediateInspectionPassed", "CompletionAcceptancePassed", "SupplyContractSigned", "PowerConnected",
    ];

    [Fact]
    public async Task A_high_voltage_single_source_application_reaches_power_connected_through_the_gateway()
    {
        var gateway = system.Gateway;
        var submitted = await gateway.SubmitAsync("customer-hv-1", CustomerClass.HighVoltageSingleSource);
        var id = submitted.GetProperty("id").GetGuid();

        foreach (var step in HighVoltageSteps)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, "customer-hv-1"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var application = await WaitForPowerConnectedAsync(gateway, id);
        var timeline = application.GetProperty("timeline").EnumerateArray().ToArray();

        Assert.Equal(HighVoltageSteps.Select(s => s.ToString()), timeline.Select(s => s.GetProperty("step").GetString()));
        foreach (var entry in timeline)
        {
            var step = Enum.Parse<Step>(entry.GetProperty("step").GetString()!);
            Assert.Equal(StepCatalogue.Of(step).Responsible.ToString(), entry.GetProperty("department").GetString());
            Assert.Equal(StepDriver.ActorFor(step, "customer-hv-1"), entry.GetProperty("assignee").GetString());
            var started = entry.GetProperty("startedAt").GetDateTimeOffset();
            var completed = entry.GetProperty("completedAt").GetDateTimeOffset();
            Assert.True(started <= completed, $"{step} completed before it started");
        }
        // Each step starts only after the previous one completed: the handoffs happened in order.
        for (var i = 1; i < timeline.Length; i++)
        {
            Assert.True(timeline[i].GetProperty("startedAt").GetDateTimeOffset() >= timeline[i - 1].GetProperty("completedAt").GetDateTimeOffset());
        }
        Assert.False(string.IsNullOrEmpty(application.GetProperty("customerManager").GetString()));

        await GatewayClient.WaitUntilAsync(async () => (await gateway.GetNoticesAsync(id)).Length >= HighVoltageNotices.Length, "all customer notices");
        var notices = await gateway.GetNoticesAsync(id);
        Assert.Equal(HighVoltageNotices.Order(), notices.Select(n => n.GetProperty("kind").GetString()!).Order());
    }

    [Fact]
    public async Task Each_inspection_clock_starts_only_at_the_customers_request_made_online_or_by_a_counter_clerk()
    {
        var gateway = system.Gateway;
        const string customer = "customer-hv-requests";
        var id = (await gateway.SubmitAsync(customer, CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        foreach (var step in HighVoltageSteps.TakeWhile(s => s != Step.DesignSubmission))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // (customer's request, the inspection it opens, who makes the request)
        (Step Request, Step Inspection, string By)[] requests =
        [
            (Step.DesignSubmission, Step.DesignReview, customer),
            (Step.IntermediateInspectionRequest, Step.IntermediateInspection, "clerk-counter"),
            (Step.CompletionReport, Step.CompletionAcceptance, customer),
        ];
        foreach (var (request, inspection, by) in requests)
        {
            // The application waits on the customer: the request is open, the inspection is not, and no clock runs.
            var waiting = await gateway.WaitForWorkItemAsync("/api/inspection", id, request);
            Assert.Equal(JsonValueKind.Null, waiting.GetProperty("dueAt").ValueKind);
            Assert.Equal(customer, waiting.GetProperty("assignee").GetString());
            Assert.Empty(await gateway.GetAsync<JsonElement[]>($"/api/inspection/work-items?applicationId={id}&step={inspection}", "staff-inspection"));
            // Acceptance learns of the opening from the previous inspection's StepCompleted (its completion opened the
            // request in its own commit and carries the opening): wait for it to show the application waiting on that request.
            JsonElement waitingOn = default;
            await GatewayClient.WaitUntilAsync(async () =>
            {
                return (await gateway.GetApplicationAsync(id)).TryGetProperty("waiting", out waitingOn)
                    && waitingOn.ValueKind == JsonValueKind.Object && waitingOn.GetProperty("step").GetString() == request.ToString();
            }, $"the application waiting on {request}");
            Assert.Equal("Customer", waitingOn.GetProperty("waitingOn").GetString());

            using (var requested = await gateway.CompleteStepAsync(id, request, by))
            {
                Assert.True(requested.StatusCode == HttpStatusCode.OK, $"{request} by {by}: {(int)requested.StatusCode} {await requested.Content.ReadAsStringAsync()}");
            }
            var opened = await gateway.WaitForWorkItemAsync("/api/inspection", id, inspection);
            // Acceptance's timeline learns of the request from the same StepCompleted that opened the inspection, in its
            // own consumer: it may record it after Inspection opened the item.
            DateTimeOffset? requestedAt = null;
            await GatewayClient.WaitUntilAsync(async () =>
            {
                var entry = (await gateway.GetApplicationAsync(id)).GetProperty("timeline").EnumerateArray()
                    .Single(e => e.GetProperty("step").GetString() == request.ToString()).GetProperty("completedAt");
                requestedAt = entry.ValueKind == JsonValueKind.Null ? null : entry.GetDateTimeOffset();
                return requestedAt is not null;
            }, $"{request} completed on the timeline");
            Assert.True(opened.GetProperty("openedAt").GetDateTimeOffset() >= requestedAt!.Value);
            Assert.NotEqual(JsonValueKind.Null, opened.GetProperty("dueAt").ValueKind);
            using var passed = await gateway.CompleteStepAsync(id, inspection, "staff-inspection");
            Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        }

        var timeline = (await gateway.GetApplicationAsync(id)).GetProperty("timeline").EnumerateArray().ToArray();
        var clerkRequest = timeline.Single(e => e.GetProperty("step").GetString() == nameof(Step.IntermediateInspectionRequest));
        Assert.Equal("clerk-counter", clerkRequest.GetProperty("completedBy").GetString());
        Assert.All(timeline.Where(e => e.GetProperty("actedBy").GetString() == "Customer"), e =>
        {
            Assert.Equal("Customer", e.GetProperty("department").GetString());
            Assert.Equal(JsonValueKind.Null, e.GetProperty("dueAt").ValueKind);
            Assert.False(e.GetProperty("judged").GetBoolean());
        });
    }

    [Fact]
    public async Task A_counter_clerk_sees_only_the_customers_steps_of_another_departments_worklist()
    {
        var gateway = system.Gateway;
        const string customer = "customer-hv-clerk";
        var id = (await gateway.SubmitAsync(customer, CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        foreach (var step in HighVoltageSteps.TakeWhile(s => s != Step.DesignReview))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var review = await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.DesignReview);

        var seen = await gateway.GetAsync<JsonElement[]>($"/api/inspection/work-items?status=all&applicationId={id}", "clerk-counter");
        Assert.Equal([nameof(Step.DesignSubmission)], seen.Select(w => w.GetProperty("step").GetString()));
        using var clerk = await gateway.ClientAsAsync("clerk-counter");
        using var refused = await clerk.PostAsJsonAsync($"/api/inspection/work-items/{review.GetProperty("id").GetGuid()}/complete", new { passed = true });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    public static async Task<JsonElement> WaitForPowerConnectedAsync(GatewayClient gateway, Guid id)
    {
        JsonElement application = default;
        await GatewayClient.WaitUntilAsync(async () =>
        {
            application = await gateway.GetApplicationAsync(id);
            return application.GetProperty("status").GetString() == "PowerConnected"
                && application.GetProperty("timeline").EnumerateArray().All(s => s.GetProperty("completedAt").ValueKind != JsonValueKind.Null)
                && application.GetProperty("timeline").GetArrayLength() >= HighVoltageSteps.Length;
        }, $"application {id} to be power connected with a complete timeline");
        return application;
    }
}
