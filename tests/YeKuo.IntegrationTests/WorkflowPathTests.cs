using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;

namespace YeKuo.IntegrationTests;

/// <summary>The whole 业扩 workflow over the real broker: each customer class's path and the loops and exits of the process.</summary>
[Collection(SystemCollection.Name)]
public sealed class WorkflowPathTests(SystemFixture system)
{
    [Theory]
    [InlineData(CustomerClass.Residential, 3)]
    [InlineData(CustomerClass.SmallMicroBusiness, 3)]
    [InlineData(CustomerClass.PrivateOrganisation, 3)]
    [InlineData(CustomerClass.LowVoltageNonResidential, 8)]
    [InlineData(CustomerClass.LowVoltageNonResidentialNoExternalWorks, 8)]
    [InlineData(CustomerClass.HighVoltageDualSource, 12)]
    public async Task Each_customer_class_follows_the_step_set_of_its_policy_to_power_connected(CustomerClass customerClass, int steps)
    {
        var gateway = system.Gateway;
        var customer = $"customer-{customerClass}";
        var submitted = await gateway.SubmitAsync(customer, customerClass);
        var id = submitted.GetProperty("id").GetGuid();
        var plan = submitted.GetProperty("plan").EnumerateArray().Select(s => Enum.Parse<Step>(s.GetString()!)).ToArray();
        Assert.Equal(steps, plan.Length);

        foreach (var step in plan)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer), customerClass: customerClass);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{customerClass} {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var application = await WaitForStatusAsync(id, "PowerConnected", plan.Length);
        Assert.Equal(plan.Select(s => s.ToString()), application.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }

    [Theory]
    [InlineData(ApplicationKind.NewConnection, 12)]
    [InlineData(ApplicationKind.CapacityIncrease, 12)]
    [InlineData(ApplicationKind.ChangeOfUse, 8)]
    [InlineData(ApplicationKind.TemporarySupply, 8)]
    public async Task Each_kind_of_application_follows_the_steps_its_policy_gives_it_to_power_connected(ApplicationKind kind, int steps)
    {
        var gateway = system.Gateway;
        var customer = $"customer-kind-{kind}";
        var submitted = await gateway.SubmitAsync(customer, CustomerClass.HighVoltageSingleSource, kind);
        var id = submitted.GetProperty("id").GetGuid();
        Assert.Equal(kind.ToString(), submitted.GetProperty("kind").GetProperty("kind").GetString());
        var plan = submitted.GetProperty("plan").EnumerateArray().Select(s => Enum.Parse<Step>(s.GetString()!)).ToArray();
        Assert.Equal(steps, plan.Length);
        Assert.Equal(kind is ApplicationKind.ChangeOfUse or ApplicationKind.TemporarySupply, !plan.Contains(Step.DesignReview));

        foreach (var step in plan)
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind} {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var application = await WaitForStatusAsync(id, "PowerConnected", plan.Length);
        Assert.Equal(plan.Select(s => s.ToString()), application.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }

    [Fact]
    public async Task Pausing_for_the_customer_moves_the_deadline_by_the_paused_working_time()
    {
        var gateway = system.Gateway;
        var id = await DriveHighVoltageUpToAsync("customer-pause", Step.DesignReview);

        var before = (await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.DesignReview)).GetProperty("dueAt").GetDateTimeOffset();
        using (var paused = await gateway.WorkItemActionAsync(id, Step.DesignReview, "pause", new { reason = "客户补充设计图纸" }, "staff-inspection"))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }
        var pausedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var resumed = await gateway.WorkItemActionAsync(id, Step.DesignReview, "resume", null, "staff-inspection");
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var after = (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dueAt").GetDateTimeOffset();

        // Paused time counts only on working days: on a day off the deadline stays where it was.
        if (WorkingDayCalendar.LoadDefault().IsWorkingDay(ChinaTime.BusinessDate(pausedAt)))
        {
            Assert.True(after - before >= TimeSpan.FromSeconds(1.5), $"due moved from {before:O} to {after:O}");
        }
        else
        {
            Assert.Equal(before, after);
        }
        await GatewayClient.WaitUntilAsync(async () =>
        {
            var entry = (await gateway.GetApplicationAsync(id)).GetProperty("timeline").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "DesignReview");
            return entry.GetProperty("dueAt").GetDateTimeOffset() == after;
        }, "the timeline to show the moved deadline");
    }

    [Fact]
    public async Task A_rejected_application_is_closed_with_its_reasons_and_the_customer_is_told()
    {
        var gateway = system.Gateway;
        var id = (await gateway.SubmitAsync("customer-rejected", CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();

        using var rejected = await gateway.WorkItemActionAsync(id, Step.Acceptance, "reject", new { reasons = new[] { "资料不全: 缺少产权证明" } }, "clerk-wang");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var application = await gateway.GetApplicationAsync(id);
        Assert.Equal("Rejected", application.GetProperty("status").GetString());
        Assert.Contains("产权证明", application.GetProperty("closingReason").GetString());
        await GatewayClient.WaitUntilAsync(async () =>
            (await gateway.GetNoticesAsync(id)).Any(n => n.GetProperty("kind").GetString() == "ApplicationRejected"), "the rejection notice");
    }

    [Fact]
    public async Task A_scheme_sent_back_by_a_reviewing_department_is_revised_in_the_next_round()
    {
        var gateway = system.Gateway;
        var id = await DriveHighVoltageUpToAsync("customer-revision", Step.SchemeReply);

        var scheme = StepDriver.For(Step.SchemeReply).Body;
        using var drafted = await gateway.WorkItemActionAsync(id, Step.SchemeReply, "draft", scheme, "staff-supplyscheme");
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var review = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        var department = review.GetProperty("reviewers")[0].GetString();
        using (var opinion = await gateway.PostAsync($"/api/supply-scheme/reviews/{review.GetProperty("id").GetGuid()}/opinions",
                   new { department, approve = false, comments = "计量点位置需调整至产权分界处" }, $"reviewer-{department}"))
        {
            Assert.Equal(HttpStatusCode.OK, opinion.StatusCode);
        }

        // Round 2 opens for the revision; it then goes through review and reply as usual.
        using (var reply = await gateway.CompleteStepAsync(id, Step.SchemeReply, "staff-supplyscheme", round: 2))
        {
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }
        await GatewayClient.WaitUntilAsync(async () =>
        {
            var timeline = (await gateway.GetApplicationAsync(id)).GetProperty("timeline").EnumerateArray().ToArray();
            return timeline.Count(s => s.GetProperty("step").GetString() == "SchemeReply") == 2
                && timeline.Any(s => s.GetProperty("step").GetString() == "SchemeConfirmation");
        }, "both scheme rounds on the timeline and the confirmation opened");
    }

    [Fact]
    public async Task A_failed_completion_acceptance_records_the_defects_and_is_reinspected_before_power_is_connected()
    {
        var gateway = system.Gateway;
        var id = await DriveHighVoltageUpToAsync("customer-defects", Step.CompletionAcceptance);

        using (var failed = await gateway.CompleteWithAsync(id, Step.CompletionAcceptance,
                   new { passed = false, defects = new[] { "接地电阻超标", "电缆沟未封堵" } }, "staff-inspection"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        // 整改 is the customer's time: the re-check opens, with a new clock, only at the customer's re-check request.
        await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.CompletionReport, round: 2);
        Assert.Empty(await gateway.GetAsync<JsonElement[]>($"/api/inspection/work-items?status=open&applicationId={id}&step={Step.CompletionAcceptance}", "staff-inspection"));
        using (var recheck = await gateway.CompleteStepAsync(id, Step.CompletionReport, "customer-defects", round: 2))
        {
            Assert.True(recheck.StatusCode == HttpStatusCode.OK, await recheck.Content.ReadAsStringAsync());
        }
        using (var reinspected = await gateway.CompleteStepAsync(id, Step.CompletionAcceptance, "staff-inspection", round: 2))
        {
            Assert.Equal(HttpStatusCode.OK, reinspected.StatusCode);
        }
        foreach (var step in new[] { Step.SupplyContract, Step.PowerConnection })
        {
            using var response = await gateway.CompleteStepAsync(id, step, "staff-metering");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var application = await WaitForStatusAsync(id, "PowerConnected", HighVoltageFlowTests.HighVoltageSteps.Length + 2);
        var rounds = application.GetProperty("timeline").EnumerateArray().Where(s => s.GetProperty("step").GetString() == "CompletionAcceptance").ToArray();
        Assert.Equal([1, 2], rounds.Select(r => r.GetProperty("round").GetInt32()));
        Assert.Contains("接地电阻超标", rounds[0].GetProperty("outcome").GetProperty("defects").EnumerateArray().Select(d => d.GetString()));
        await GatewayClient.WaitUntilAsync(async () =>
        {
            var kinds = (await gateway.GetNoticesAsync(id)).Select(n => n.GetProperty("kind").GetString()).ToArray();
            return kinds.Contains("CompletionAcceptanceFailed") && kinds.Contains("CompletionAcceptancePassed");
        }, "the failed and the passed completion notices");
    }

    [Fact]
    public async Task A_withdrawn_application_stops_in_every_department()
    {
        var gateway = system.Gateway;
        var id = await DriveHighVoltageUpToAsync("customer-withdraws-hv", Step.DesignReview);
        await gateway.WaitForWorkItemAsync("/api/inspection", id, Step.DesignReview);

        using var withdrawn = await gateway.PostAsync($"/api/applications/{id}/withdraw", new { reason = "项目暂停" }, "customer-withdraws-hv");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        await GatewayClient.WaitUntilAsync(async () =>
            (await gateway.GetAsync<JsonElement[]>($"/api/inspection/work-items?status=open&applicationId={id}", "staff-inspection")).Length == 0,
            "inspection to cancel its open work");
        Assert.Equal("Withdrawn", (await gateway.GetApplicationAsync(id)).GetProperty("status").GetString());
    }

    /// <summary>Drives an HV single-source application until <paramref name="stop"/> is open (not completed).</summary>
    private async Task<Guid> DriveHighVoltageUpToAsync(string customer, Step stop)
    {
        var gateway = system.Gateway;
        var id = (await gateway.SubmitAsync(customer, CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        foreach (var step in HighVoltageFlowTests.HighVoltageSteps.TakeWhile(s => s != stop))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await gateway.WaitForWorkItemAsync(StepDriver.For(stop).Prefix, id, stop);
        return id;
    }

    private async Task<JsonElement> WaitForStatusAsync(Guid id, string status, int timelineEntries)
    {
        JsonElement application = default;
        await GatewayClient.WaitUntilAsync(async () =>
        {
            application = await system.Gateway.GetApplicationAsync(id);
            var timeline = application.GetProperty("timeline").EnumerateArray().ToArray();
            return application.GetProperty("status").GetString() == status
                && timeline.Length >= timelineEntries
                && timeline.All(s => s.GetProperty("completedAt").ValueKind != JsonValueKind.Null);
        }, $"application {id} to be {status}");
        return application;
    }
}
