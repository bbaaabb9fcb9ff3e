using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Metering.Tests;

/// <summary>计量接电: 签订供用电合同 → 装表接电 (one 3-WD clock for HV), then PowerConnected.</summary>
public sealed class MeteringHandoffTests(MeteringApp app) : IClassFixture<MeteringApp>
{
    private static readonly DateTimeOffset Monday10 = MeteringApp.Monday10China;

    // HV 装表接电 clock (3 WD, shared with the contract) from Mon 2026-03-02 → end of Thu 2026-03-05 China.
    private static readonly DateTimeOffset ConnectionClockDue = new(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);

    private static readonly object ValidContract = new { contractNumber = "GYD-2026-0001", signedOn = "2026-03-02" };
    private static readonly object ValidConnection = new { meterNumber = " 3300123456 " };

    private async Task<(Handoffs Application, WorkItemDto Contract)> OpenContractAsync()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        // Nothing charged: 装表接电 is not held for payment (PaymentGateTests).
        await app.PublishAsync(application.Assessed(0m, Monday10.AddDays(-20)));
        await app.PublishAsync(application.Completed(Step.CompletionAcceptance, Monday10.AddDays(-2), Monday10,
            outcome: TestOutcomes.Passed));
        return (application, await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SupplyContract"));
    }

    private async Task<(Handoffs Application, WorkItemDto Connection)> OpenConnectionAsync()
    {
        var (application, contract) = await OpenContractAsync();
        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(contract.Id, ValidContract));
        return (application, await app.WorkItemAsync(application.ApplicationId, w => w.Step == "PowerConnection"));
    }

    [Fact]
    public async Task A_passed_completion_acceptance_opens_the_supply_contract_on_the_3_day_connection_clock()
    {
        var (application, contract) = await OpenContractAsync();

        var open = Assert.Single(await app.WorkItemsAsync(application.ApplicationId, status: "open"));
        Assert.Equal(contract.Id, open.Id);
        Assert.Equal(("SupplyContract", "Metering", 1, "Open"), (open.Step, open.Department, open.Round, open.Status));
        Assert.Equal(3, open.LimitWorkingDays);
        Assert.Equal(ConnectionClockDue, open.DueAt);
        await app.PublishedAsync<WorkItemOpened>(m => m.WorkItemId == contract.Id && m.Step == Step.SupplyContract);
    }

    [Fact]
    public async Task A_failed_completion_acceptance_opens_nothing_in_metering()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();

        await app.PublishAsync(application.Completed(Step.CompletionAcceptance, Monday10.AddDays(-2), Monday10,
            outcome: TestOutcomes.Failed("接地电阻超标")));

        Assert.Empty(await app.WorkItemsAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_redelivered_or_copied_handoff_opens_one_work_item()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        var handoff = application.Completed(Step.CompletionAcceptance, Monday10.AddDays(-2), Monday10);

        await app.PublishRedeliveredAndCopiedAsync(handoff);

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
    }

    [Fact]
    public async Task Signing_the_contract_publishes_it_and_opens_power_connection_on_the_same_clock()
    {
        var (application, contract) = await OpenContractAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));

        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(contract.Id, ValidContract));

        var completed = await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == contract.Id);
        Assert.Equal(Step.SupplyContract, completed.Step);
        Assert.Equal(new SupplyContractOutcome("GYD-2026-0001", new DateOnly(2026, 3, 2)), completed.Outcome);

        var connection = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "PowerConnection");
        Assert.Equal(Monday10.AddDays(1), connection.OpenedAt);
        Assert.Equal(ConnectionClockDue, connection.DueAt);
        Assert.Equal(3, connection.LimitWorkingDays);
    }

    [Fact]
    public async Task Connecting_power_publishes_PowerConnected_with_the_meter_number_and_opens_nothing_more()
    {
        var (application, connection) = await OpenConnectionAsync();

        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(connection.Id, ValidConnection, user: "fitter-ma"));

        var connected = await app.PublishedAsync<PowerConnected>(m => m.ApplicationId == application.ApplicationId);
        Assert.Equal("3300123456", connected.MeterNumber);
        Assert.Equal(application.ApplicationNumber, connected.ApplicationNumber);
        Assert.Equal(application.CustomerId, connected.CustomerId);
        Assert.Equal(Monday10, connected.ConnectedAt);

        var completed = await app.PublishedAndConsumedAsync<StepCompleted>(m => m.WorkItemId == connection.Id);
        Assert.Equal(new PowerConnectionOutcome("3300123456"), completed.Outcome);
        Assert.Equal(Step.PowerConnection, completed.Step);

        var items = await app.WorkItemsAsync(application.ApplicationId);
        Assert.Equal(2, items.Length);
        Assert.All(items, w => Assert.Equal("Completed", w.Status));
        Assert.Single(app.PublishedSoFar<PowerConnected>(m => m.ApplicationId == application.ApplicationId));
    }

    [Fact]
    public async Task An_invalid_contract_is_400_naming_each_field()
    {
        var (application, contract) = await OpenContractAsync();

        var errors = await MeteringApp.ValidationErrorsAsync(await app.CompleteAsync(contract.Id, new { contractNumber = "" }));

        Assert.Equal(["contractNumber", "signedOn"], errors.Keys.Order());
        Assert.Equal("Open", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);
    }

    [Fact]
    public async Task An_impossible_signing_date_is_400_naming_the_field()
    {
        var (_, contract) = await OpenContractAsync();

        var errors = await MeteringApp.ValidationErrorsAsync(await app.CompleteAsync(contract.Id, new { contractNumber = "GYD-1", signedOn = "2026-02-30" }));

        Assert.Contains("signedOn", errors.Keys);
    }

    [Fact]
    public async Task Connecting_without_a_meter_number_is_400_and_publishes_nothing()
    {
        var (application, connection) = await OpenConnectionAsync();

        var errors = await MeteringApp.ValidationErrorsAsync(await app.CompleteAsync(connection.Id, new { meterNumber = "  " }));

        Assert.Contains("meterNumber", errors.Keys);
        Assert.Empty(app.PublishedSoFar<PowerConnected>(m => m.ApplicationId == application.ApplicationId));
    }

    [Fact]
    public async Task In_the_zero_service_plan_the_survey_hands_straight_to_power_connection()
    {
        app.Clock.AdjustTime(Monday10.AddDays(1));
        var application = new Handoffs(CustomerClass.Residential);

        await app.PublishAsync(application.Completed(Step.SiteSurvey, Monday10, Monday10.AddDays(1)));

        var item = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal(("PowerConnection", "Metering", 1, "Open"), (item.Step, item.Department, item.Round, item.Status));
        Assert.Equal(2, item.LimitWorkingDays);
    }

    [Fact]
    public async Task In_the_zero_service_plan_power_connection_runs_on_the_clock_the_survey_started()
    {
        // Policy: 三零 survey and connection share one 2-WD clock that starts with the survey (SupplyScheme opened it
        // Mon 2026-03-02 10:00 China), so connection is due at the end of Wed 2026-03-04, however late the handoff arrives.
        app.Clock.AdjustTime(Monday10.AddDays(1));
        var application = new Handoffs(CustomerClass.Residential);

        await app.PublishAsync(application.Completed(Step.SiteSurvey, Monday10, Monday10.AddDays(1)));

        var item = Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero), item.DueAt);
    }

    [Fact]
    public async Task A_withdrawal_cancels_open_metering_work_and_a_later_handoff_opens_nothing()
    {
        var (application, contract) = await OpenContractAsync();

        await app.PublishAsync(application.Withdrawn(Monday10.AddHours(1)));
        Assert.Equal("Cancelled", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);

        await app.PublishAsync(application.Completed(Step.SupplyContract, Monday10, Monday10.AddHours(2), workItemId: contract.Id));

        Assert.Single(await app.WorkItemsAsync(application.ApplicationId));
        Assert.Equal(HttpStatusCode.Conflict, (await app.CompleteAsync(contract.Id, ValidContract)).StatusCode);
        Assert.Empty(app.PublishedSoFar<StepCompleted>(m => m.WorkItemId == contract.Id && m.CompletedBy != "staff-elsewhere"));
    }

    [Fact]
    public async Task A_pause_of_one_working_day_moves_the_connection_due_date_one_working_day_later()
    {
        var (_, contract) = await OpenContractAsync();
        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/metering/work-items/{contract.Id}/pause", new { reason = "客户未到场签约" }));
        app.Clock.Advance(TimeSpan.FromDays(1));

        var resumed = await MeteringApp.ReadWorkItemAsync(await MeteringApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync($"/api/metering/work-items/{contract.Id}/resume", null)));

        Assert.Equal(ConnectionClockDue.AddDays(1), resumed.DueAt);
    }

    [Fact]
    public async Task Pausing_without_a_reason_is_400_and_completing_while_paused_is_409()
    {
        var (application, contract) = await OpenContractAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await app.PostAsync($"/api/metering/work-items/{contract.Id}/pause", new { reason = "" })).StatusCode);
        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/metering/work-items/{contract.Id}/pause", new { reason = "客户未到场签约" }));
        Assert.Equal(HttpStatusCode.Conflict, (await app.CompleteAsync(contract.Id, ValidContract)).StatusCode);
        Assert.Equal("Paused", Assert.Single(await app.WorkItemsAsync(application.ApplicationId)).Status);
    }

    [Fact]
    public async Task Unknown_worklist_filters_are_400()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/metering/work-items?status=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/metering/work-items?step=Dancing")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/metering/work-items?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/metering/work-items/{Guid.NewGuid()}")).StatusCode);
    }
}
