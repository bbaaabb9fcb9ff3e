using System.Net;
using System.Net.Http.Json;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using YeKuo.Tests.Support;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

public sealed class FeesRecordTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static ChargeLine Reliability(decimal kva) =>
        new("HighReliabilitySupply", "高可靠性供电费", ChargeBasis.PerKva, kva, 210m, 210m * kva, "the company's configuration", true);

    private static readonly ChargeLine Meters = new("MeteringDevice", "计量装置费", ChargeBasis.PerMeter, 2, 2500m, 5000m, "the company's configuration", true);

    private static ChargesAssessed Assessed(Journey j, int revision, DateTimeOffset at, params ChargeLine[] items) =>
        new(j.ApplicationId, j.ApplicationNumber, j.CustomerId, j.CustomerClass, ApplicationKind.NewConnection, "YK-FEE-2024", revision,
            items, items.Sum(i => i.Amount), at);

    [Fact]
    public async Task The_record_keeps_each_item_as_assessed_by_the_latest_revision_paid_and_refunded_whatever_the_order_and_copies()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageDualSource, "cm-zhang", At(3, 2, 14));
        var payment = Guid.NewGuid();
        var paid = new ChargesPaid(payment, j.ApplicationId, j.ApplicationNumber, j.CustomerId, 2,
            [new("HighReliabilitySupply", 210_000m), new("MeteringDevice", 5000m)], 215_000m, PaymentChannel.Online, j.CustomerId, 0m, At(3, 10, 9));

        // The payment arrives before the revision it paid, and twice (a copy under another message id).
        await app.PublishAsync(Assessed(j, 1, At(3, 5, 10), Reliability(2500m), Meters));
        await app.PublishAsync(paid, paid);
        await app.PublishAsync(Assessed(j, 2, At(3, 8, 10), Reliability(1000m), Meters));
        await app.PublishAsync(Assessed(j, 2, At(3, 8, 10), Reliability(1000m), Meters));

        var cost = await app.GetJsonAsync<ApplicationCost>($"/api/applications/{j.ApplicationId}/charges");
        Assert.Equal(("YK-FEE-2024", 2), (cost.TariffVersion, cost.Revision));
        Assert.Equal((215_000m, 215_000m, 0m, 0m), (cost.Assessed, cost.Paid, cost.Refunded, cost.Balance));
        var reliability = Assert.Single(cost.Items, i => i.Item == "HighReliabilitySupply");
        Assert.Equal((ChargeBasis.PerKva, 1000m, 210m, 210_000m, 210_000m), (reliability.Basis!.Value, reliability.Quantity!.Value, reliability.UnitAmount!.Value, reliability.Assessed, reliability.Paid));

        var refund = new ChargesRefunded(Guid.NewGuid(), j.ApplicationId, j.ApplicationNumber, j.CustomerId,
            [new("HighReliabilitySupply", 210_000m), new("MeteringDevice", 5000m)], 215_000m, "客户撤回", At(3, 12, 9));
        await app.PublishAsync(refund, refund);

        cost = await app.GetJsonAsync<ApplicationCost>($"/api/applications/{j.ApplicationId}/charges");
        Assert.Equal((215_000m, 215_000m, 0m), (cost.Paid, cost.Refunded, cost.Net));
        Assert.All(cost.Items, i => Assert.Equal(i.Paid, i.Refunded));
    }

    [Fact]
    public async Task An_application_not_assessed_yet_has_an_empty_record()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-li", At(3, 2, 14));

        var cost = await app.GetJsonAsync<ApplicationCost>($"/api/applications/{j.ApplicationId}/charges");

        Assert.False(cost.IsAssessed);
        Assert.Empty(cost.Items);
        Assert.Equal(0m, cost.Balance);
    }

    [Fact]
    public async Task A_customer_reads_the_charges_of_their_own_application_only()
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-li", At(3, 2, 14));
        await app.PublishAsync(Assessed(j, 1, At(3, 5, 10), Meters with { Quantity = 1, Amount = 2500m }));

        var own = await app.CreateClient().As(j.CustomerId, "Acceptance").GetFromJsonAsync<ApplicationCost>($"/api/applications/{j.ApplicationId}/charges", AcceptanceApp.Json);
        Assert.Equal(2500m, own!.Assessed);
        var other = await app.ClientAs("customer-other").GetAsync($"/api/applications/{j.ApplicationId}/charges");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
