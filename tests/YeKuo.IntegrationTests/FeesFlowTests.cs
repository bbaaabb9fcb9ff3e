using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Contracts;

namespace YeKuo.IntegrationTests;

/// <summary>Fees through the gateway: charges with the scheme reply, 装表接电 held until they are paid, no charge outside the tariff.</summary>
[Collection(SystemCollection.Name)]
public sealed class FeesFlowTests(SystemFixture system)
{
    [Fact]
    public async Task A_high_voltage_application_cannot_reach_power_connection_before_its_charges_are_paid()
    {
        var gateway = system.Gateway;
        const string customer = "customer-fees-1";
        var id = (await gateway.SubmitAsync(customer, CustomerClass.HighVoltageSingleSource)).GetProperty("id").GetGuid();
        foreach (var step in StepDriver.HighVoltagePlan.TakeWhile(s => s != Step.PowerConnection))
        {
            using var response = await gateway.CompleteStepAsync(id, step, StepDriver.ActorFor(step, customer));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // The customer sees the charges assessed with the reply, each with its basis: one metering point (10 kV, one source).
        var charges = await gateway.ChargesAsync(id, customer);
        Assert.Equal("Payable", charges.GetProperty("status").GetString());
        var item = Assert.Single(charges.GetProperty("items").EnumerateArray());
        Assert.Equal(("MeteringDevice", "PerMeter", 1m), (item.GetProperty("item").GetString(), item.GetProperty("basis").GetString(), item.GetProperty("quantity").GetDecimal()));
        var balance = charges.GetProperty("balance").GetDecimal();
        Assert.Equal(item.GetProperty("amount").GetDecimal(), balance);

        // No charge outside the tariff: refused with a ProblemDetails (and, like every write, an audit row in 供电方案).
        using (var invented = await gateway.PostAsync($"/api/supply-scheme/applications/{id}/charges",
            new { item = "ConnectionFee", amount = 8000m, reason = "接入费" }, "staff-supplyscheme"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invented.StatusCode);
            Assert.Equal("application/problem+json", invented.Content.Headers.ContentType?.MediaType);
            var problem = await invented.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("No charge may be made outside the tariff.", problem.GetProperty("title").GetString());
        }

        // The contract is signed, the charges are not paid: 装表接电 does not open.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var metering = await gateway.GetAsync<JsonElement[]>($"/api/metering/work-items?status=all&applicationId={id}", "staff-metering");
        Assert.DoesNotContain(metering, w => w.GetProperty("step").GetString() == nameof(Step.PowerConnection));
        Assert.Equal("InProgress", (await gateway.GetApplicationAsync(id)).GetProperty("status").GetString());

        // The customer pays online; paying again with the same reference does not pay twice.
        var payment = new { reference = "WX-FEES-0001", amount = balance };
        using (var paid = await gateway.PostAsync($"/api/supply-scheme/applications/{id}/charges/payments", payment, customer))
        {
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }
        using (var again = await gateway.PostAsync($"/api/supply-scheme/applications/{id}/charges/payments", payment, customer))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var connected = await gateway.CompleteStepAsync(id, Step.PowerConnection, StepDriver.ActorFor(Step.PowerConnection, customer)))
        {
            Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        }
        await HighVoltageFlowTests.WaitForPowerConnectedAsync(gateway, id);

        // Acceptance's record: assessed and paid once, by item.
        await GatewayClient.WaitUntilAsync(async () =>
        {
            var record = await gateway.GetAsync<JsonElement>($"/api/applications/{id}/charges", customer);
            return record.GetProperty("paid").GetDecimal() == balance && record.GetProperty("assessed").GetDecimal() == balance;
        }, $"the charges record of {id} to show the payment");
    }
}
