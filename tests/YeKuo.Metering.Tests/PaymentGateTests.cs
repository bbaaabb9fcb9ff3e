using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Metering.Fees;
using YeKuo.Metering.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Metering.Tests;

/// <summary>装表接电 opens only when, with the contract, the charges are paid; an application with nothing charged is not held.</summary>
public sealed class PaymentGateTests(MeteringApp app) : IClassFixture<MeteringApp>
{
    private static readonly DateTimeOffset Monday10 = MeteringApp.Monday10China;

    // HV 装表接电 clock (3 WD, shared with the contract) from Mon 2026-03-02 → end of Thu 2026-03-05 China.
    private static readonly DateTimeOffset ConnectionClockDue = new(2026, 3, 5, 16, 0, 0, TimeSpan.Zero);

    private async Task<Handoffs> SignContractAsync()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        await app.PublishAsync(application.Completed(Step.CompletionAcceptance, Monday10.AddDays(-2), Monday10, outcome: TestOutcomes.Passed));
        var contract = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SupplyContract");
        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(contract.Id, new { contractNumber = "GYD-2026-0002", signedOn = "2026-03-02" }));
        await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == contract.Id, consumed: true);
        return application;
    }

    private async Task<bool> HasPowerConnectionAsync(Handoffs application) =>
        (await app.WorkItemsAsync(application.ApplicationId)).Any(w => w.Step == "PowerConnection");

    [Fact]
    public async Task A_signed_contract_with_charges_unpaid_does_not_open_power_connection_until_they_are_paid()
    {
        var application = await SignContractWithChargesAsync(5000m);

        Assert.False(await HasPowerConnectionAsync(application));

        // The customer pays a working day later (Tue 10:00 China).
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.PublishAsync(application.Paid(5000m, app.Clock.GetUtcNow()));

        var connection = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "PowerConnection");
        Assert.Equal(("Open", 1), (connection.Status, connection.Round));
        // On the contract's clock, the wait for the payment taken out as the customer's time: one working day later.
        Assert.Equal(ConnectionClockDue.AddDays(1), connection.DueAt);
        Assert.Single(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "PowerConnection");
    }

    [Fact]
    public async Task A_handoff_held_after_the_payment_was_consumed_is_released_by_the_sweep()
    {
        var application = await SignContractWithChargesAsync(5000m);

        // The payment consumed as if it had read the gate before the hold committed: settled, but nothing released.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeteringDbContext>();
            var clearance = await db.ChargeClearances.SingleAsync(c => c.ApplicationId == application.ApplicationId);
            clearance.Paid = 5000m;
            await db.SaveChangesAsync();
        }
        Assert.False(await HasPowerConnectionAsync(application));

        var sweeper = app.Services.GetRequiredService<HeldHandoffSweeper>();
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        var connection = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "PowerConnection");
        Assert.Equal("Open", connection.Status);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Single(await app.WorkItemsAsync(application.ApplicationId), w => w.Step == "PowerConnection");
    }

    [Fact]
    public async Task A_hold_decided_on_charges_that_were_being_paid_meanwhile_fails_its_commit_instead_of_holding_a_paid_application()
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        await app.PublishAsync(application.Assessed(5000m, Monday10.AddDays(-20)));
        var contract = application.Completed(Step.SupplyContract, Monday10.AddHours(-1), Monday10);

        // The contract's handoff reads the clearance: unpaid, so it will hold.
        using var handoffScope = app.Services.CreateScope();
        var handoffDb = handoffScope.ServiceProvider.GetRequiredService<MeteringDbContext>();
        var gate = new PaymentGate(handoffDb);
        Assert.Equal(PaymentGate.AwaitingPayment, await gate.WaitsForAsync(contract, CancellationToken.None));

        // Meanwhile the payment is consumed and commits: settled, and nothing held yet to release.
        await app.PublishAsync(application.Paid(5000m, Monday10));

        // The hold, decided on what it read before the payment, cannot commit; run again, the handoff finds the charges paid.
        await gate.HoldAsync(contract, PaymentGate.AwaitingPayment, Monday10, CancellationToken.None);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => handoffDb.SaveChangesAsync());
        using var againScope = app.Services.CreateScope();
        Assert.Null(await new PaymentGate(againScope.ServiceProvider.GetRequiredService<MeteringDbContext>()).WaitsForAsync(contract, CancellationToken.None));
    }

    private async Task<Handoffs> SignContractWithChargesAsync(decimal total)
    {
        app.Clock.AdjustTime(Monday10);
        var application = new Handoffs();
        await app.PublishAsync(application.Assessed(total, Monday10.AddDays(-20)));
        await app.PublishAsync(application.Completed(Step.CompletionAcceptance, Monday10.AddDays(-2), Monday10, outcome: TestOutcomes.Passed));
        var contract = await app.WorkItemAsync(application.ApplicationId, w => w.Step == "SupplyContract");
        await MeteringApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(contract.Id, new { contractNumber = "GYD-2026-0002", signedOn = "2026-03-02" }));
        await app.PublishedAsync<StepCompleted>(m => m.WorkItemId == contract.Id, consumed: true);
        return application;
    }

    [Fact]
    public async Task Power_connection_waits_for_the_assessment_to_reach_metering_and_opens_when_it_charges_nothing()
    {
        var application = await SignContractAsync();

        // The assessment has not reached 计量 yet: held.
        Assert.False(await HasPowerConnectionAsync(application));

        // It arrives with nothing to pay: the held handoff opens the step.
        await app.PublishAsync(application.Assessed(0m, Monday10));
        Assert.Equal("Open", (await app.WorkItemAsync(application.ApplicationId, w => w.Step == "PowerConnection")).Status);
    }

    [Fact]
    public async Task A_payment_that_arrives_before_the_assessment_it_paid_still_opens_power_connection_once_both_are_known()
    {
        var application = await SignContractAsync();
        await app.PublishAsync(application.Paid(2500m, Monday10));
        Assert.False(await HasPowerConnectionAsync(application));

        await app.PublishAsync(application.Assessed(2500m, Monday10.AddDays(-1)));

        Assert.Equal("Open", (await app.WorkItemAsync(application.ApplicationId, w => w.Step == "PowerConnection")).Status);
    }
}
