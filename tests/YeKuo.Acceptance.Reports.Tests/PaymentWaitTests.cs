using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// 装表接电 opens only once the charges are paid (Metering holds the handoff): meanwhile the application waits on the
/// customer (缴费, customer time), not on Metering — on the timeline's banner, the progress view and the 客户经理's worklist.
/// </summary>
public sealed class PaymentWaitTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadDefault();

    private static readonly ChargeLine Meters = new("MeteringDevice", "计量装置费", ChargeBasis.PerMeter, 2, 2500m, 5000m, "the company's configuration", true);

    [Fact]
    public async Task After_the_contract_unpaid_charges_make_the_application_wait_on_the_customer_and_once_paid_on_metering()
    {
        var manager = $"cm-{Guid.NewGuid():N}"[..12];
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, AcceptanceApp.Now.AddDays(-40));
        var signedAt = AcceptanceApp.Now.AddDays(-6);
        await app.PublishAsync(new ChargesAssessed(j.ApplicationId, j.ApplicationNumber, j.CustomerId, j.CustomerClass, ApplicationKind.NewConnection,
            "YK-FEE-2024", 1, [Meters], 5000m, AcceptanceApp.Now.AddDays(-30)));
        await app.PublishAsync(j.Step(Step.SupplyContract, AcceptanceApp.Now.AddDays(-8), signedAt, AcceptanceApp.Now.AddDays(-3)));

        var wait = (await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}")).Waiting!;
        var entry = Assert.Single(await app.GetJsonAsync<WorklistEntry[]>($"/api/applications/managers/{manager}/worklist"));
        var progress = await app.GetJsonAsync<CustomerProgress>($"/api/applications/{j.ApplicationId}/progress");

        Assert.Equal(("Customer", "PowerConnection", "缴纳费用", true, "ChargesPayment", 5000m),
            (wait.WaitingOn, wait.Step, wait.StepName, wait.CustomerTime, wait.Awaiting, wait.AmountDue));
        Assert.Equal((signedAt, (DateTimeOffset?)null, false), (wait.Since, wait.DueAt, wait.Overdue));
        Assert.Equal(Calendar.CountWorkingDays(ChinaTime.BusinessDate(signedAt), ChinaTime.BusinessDate(AcceptanceApp.Now)), wait.WorkingDays);
        Assert.Equal(("Customer", true, "ChargesPayment", 5000m, (DateTimeOffset?)null),
            (entry.Department, entry.CustomerTime, entry.Awaiting, entry.AmountDue, entry.DueAt));
        Assert.Equal(("Customer", "ChargesPayment"), (progress.Waiting!.WaitingOn, progress.Waiting.Awaiting));

        // Paid in full (online): the handoff to 装表接电 is Metering's again, and the cached progress view follows.
        await app.PublishAsync(new ChargesPaid(Guid.NewGuid(), j.ApplicationId, j.ApplicationNumber, j.CustomerId, 1,
            [new("MeteringDevice", 5000m)], 5000m, PaymentChannel.Online, j.CustomerId, 0m, AcceptanceApp.Now.AddHours(-1)));

        wait = (await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}")).Waiting!;
        entry = Assert.Single(await app.GetJsonAsync<WorklistEntry[]>($"/api/applications/managers/{manager}/worklist"));
        progress = await app.GetJsonAsync<CustomerProgress>($"/api/applications/{j.ApplicationId}/progress");
        Assert.Equal(("Metering", "PowerConnection", false, (string?)null), (wait.WaitingOn, wait.Step, wait.CustomerTime, wait.Awaiting));
        Assert.Equal(("Metering", false), (entry.Department, entry.CustomerTime));
        Assert.Equal(("Metering", (string?)null), (progress.Waiting!.WaitingOn, progress.Waiting.Awaiting));
    }

    [Fact]
    public async Task A_class_charged_nothing_waits_on_metering_after_the_contract()
    {
        var manager = $"cm-{Guid.NewGuid():N}"[..12];
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, AcceptanceApp.Now.AddDays(-40));
        await app.PublishAsync(new ChargesAssessed(j.ApplicationId, j.ApplicationNumber, j.CustomerId, j.CustomerClass, ApplicationKind.NewConnection,
            "YK-FEE-2024", 1, [], 0m, AcceptanceApp.Now.AddDays(-30)));
        await app.PublishAsync(j.Step(Step.SupplyContract, AcceptanceApp.Now.AddDays(-8), AcceptanceApp.Now.AddDays(-6), AcceptanceApp.Now.AddDays(-3)));

        var wait = (await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}")).Waiting!;

        Assert.Equal(("Metering", "PowerConnection", false, (string?)null), (wait.WaitingOn, wait.Step, wait.CustomerTime, wait.Awaiting));
    }

    [Fact]
    public async Task A_customer_paying_days_after_the_contract_is_not_counted_as_handoff_time_to_metering()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, $"cm-{Guid.NewGuid():N}"[..12], AcceptanceApp.Now.AddDays(-40));
        var signedAt = AcceptanceApp.Now.AddDays(-25);
        // Metering holds the handoff 2 s after the contract, the customer pays three days later, and the release opens
        // 装表接电 with the hold as customer time (客户原因: 待缴费).
        var heldAt = signedAt.AddSeconds(2);
        var releasedAt = signedAt.AddDays(3).AddSeconds(5);
        var due = releasedAt.AddDays(5);
        await app.PublishAsync(j.Step(Step.SupplyContract, signedAt.AddDays(-2), signedAt, signedAt.AddDays(3)));
        await app.PublishAsync(j.Opened(Step.PowerConnection, releasedAt, due));
        await app.PublishAsync(j.Paused(Step.PowerConnection, heldAt, "客户原因: 待缴费"), j.Resumed(Step.PowerConnection, heldAt, releasedAt, due));

        var day = ChinaTime.BusinessDate(releasedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var report = await app.GetJsonAsync<HandoffReport>($"/api/reports/handoffs?from={day}&to={day}");

        var powerConnection = Assert.Single(report.ByStep, s => s.Step == nameof(Step.PowerConnection));
        Assert.Equal((1, 2.0), (powerConnection.Handoffs.Count, powerConnection.Handoffs.MaxSeconds));
        var pair = Assert.Single(report.ByDepartmentPair);
        Assert.Equal((nameof(Department.Metering), 2.0), (pair.To, pair.Handoffs.MaxSeconds));
    }
}
