using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Persistence;
using YeKuo.SupplyScheme.Apis;
using YeKuo.SupplyScheme.Flow.Tests.Support;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.SupplyScheme.Flow.Tests;

/// <summary>Charges (收费) through the host with real SQLite: assessed with the reply, paid (authorized, once), refunded on withdrawal.</summary>
public sealed class ChargesTests(SchemeFlowApp app) : IClassFixture<SchemeFlowApp>
{
    /// <summary>A 临时用电 of a low-voltage non-residential customer, replied at 630 kVA: 临时接电费 100 元/kVA (YK-FEE-2024).</summary>
    private async Task<SchemeApplication> RepliedAsync(ApplicationKind kind = ApplicationKind.TemporarySupply)
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var reply = await application.OpenSchemeReplyAsync(kind);
        var revision = await application.SubmitDraftAsync(reply.Id, application.Scheme(capacityKva: 630m));
        await application.ApproveByAllAsync(revision.Id);
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(reply.Id, application.Scheme(capacityKva: 630m)));
        return application;
    }

    /// <summary>A 临时用电 whose scheme (630 kVA) is approved while 受理's acceptance has not reached SupplyScheme yet.</summary>
    private async Task<(SchemeApplication Application, WorkItemDto Reply, DateTimeOffset AcceptedAt)> ApprovedBeforeTheAcceptanceArrivesAsync()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var acceptedAt = app.Clock.GetUtcNow();
        var reply = await application.OpenSchemeReplyAsync(ApplicationKind.TemporarySupply, acceptanceArrives: false);
        var revision = await application.SubmitDraftAsync(reply.Id, application.Scheme(capacityKva: 630m));
        await application.ApproveByAllAsync(revision.Id);
        return (application, reply, acceptedAt);
    }

    private static string ChargesOf(SchemeApplication application) => $"/api/supply-scheme/applications/{application.ApplicationId}/charges";

    private Task<HttpResponseMessage> PayAsync(SchemeApplication application, string user, string reference, decimal amount) =>
        app.PostAsync($"{ChargesOf(application)}/payments", new { reference, amount }, user);

    [Fact]
    public async Task The_reply_assesses_the_charges_from_the_tariff_in_force_and_the_customer_sees_each_item_with_its_basis()
    {
        var application = await RepliedAsync();

        var assessed = await app.PublishedAsync<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal(("YK-FEE-2024", 1, ApplicationKind.TemporarySupply, 63_000m), (assessed.TariffVersion, assessed.Revision, assessed.Kind, assessed.Total));
        var charges = await app.ClientAs(application.CustomerId).GetFromJsonAsync<ChargeAccountDto>(ChargesOf(application), SchemeFlowApp.Json);
        Assert.Equal(("Payable", 63_000m), (charges!.Status, charges.Balance));
        var line = Assert.Single(charges.Items);
        Assert.Equal(("TemporaryConnection", "临时接电费", ChargeBasis.PerKva, 630m, 100m, 63_000m), (line.Item, line.Name, line.Basis, line.Quantity, line.UnitAmount, line.Amount));
        Assert.Equal("按容量 (元/kVA)", line.BasisName);
        Assert.True(line.CompanyConfigured);

        var stranger = await app.ClientAs("cust-stranger").GetAsync(ChargesOf(application));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task A_scheme_replied_before_the_acceptance_reached_supply_scheme_is_charged_as_of_the_reply_when_it_does()
    {
        var (application, reply, acceptedAt) = await ApprovedBeforeTheAcceptanceArrivesAsync();

        // The reply is the customer's answer and is not refused for a queue of ours being behind.
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(reply.Id, application.Scheme(capacityKva: 630m)));
        var repliedAt = app.Clock.GetUtcNow();
        Assert.Empty(app.Published<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId));

        app.Clock.Advance(TimeSpan.FromHours(3));
        await application.PublishAcceptedAsync(ApplicationKind.TemporarySupply, acceptedAt);

        var assessed = await app.PublishedAsync<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal(("YK-FEE-2024", 1, ApplicationKind.TemporarySupply, 63_000m, repliedAt), (assessed.TariffVersion, assessed.Revision, assessed.Kind, assessed.Total, assessed.AssessedAt));
        var charges = await app.ClientAs(application.CustomerId).GetFromJsonAsync<ChargeAccountDto>(ChargesOf(application), SchemeFlowApp.Json);
        Assert.Equal(("Payable", 63_000m), (charges!.Status, charges.Balance));
    }

    [Fact]
    public async Task A_reply_and_the_acceptance_that_each_read_before_the_other_committed_still_charge_the_scheme_once()
    {
        var (application, reply, acceptedAt) = await ApprovedBeforeTheAcceptanceArrivesAsync();

        // The database's write turn is held while the reply finds no account and the account's opening finds no reply:
        // both have read, neither has committed (as when a backlog of acceptances drains while staff reply).
        Task<HttpResponseMessage> replying;
        using (await app.Services.GetRequiredService<DatabaseWriteGate>().EnterAsync(CancellationToken.None))
        {
            replying = application.ReplyAsync(reply.Id, application.Scheme(capacityKva: 630m));
            await app.Harness.Bus.Publish(application.Accepted(ApplicationKind.TemporarySupply, acceptedAt));
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(replying.IsCompleted);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientAs(application.CustomerId).GetAsync(ChargesOf(application))).StatusCode);
        }
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, replying);

        var assessed = await app.PublishedAsync<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal(("YK-FEE-2024", 1, 63_000m), (assessed.TariffVersion, assessed.Revision, assessed.Total));
        var charges = await app.ClientAs(application.CustomerId).GetFromJsonAsync<ChargeAccountDto>(ChargesOf(application), SchemeFlowApp.Json);
        Assert.Equal(("Payable", 63_000m), (charges!.Status, charges.Balance));
        // The reply's hand-over to the lane has been handled too, and assessed nothing a second time.
        var handedOver = await app.PublishedAsync<SchemeRepliedBeforeAcceptance>(e => e.ApplicationId == application.ApplicationId, consumed: true);
        Assert.Equal(application.ApplicationNumber, handedOver.ApplicationNumber);
        Assert.Single(app.Published<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId));
    }

    [Fact]
    public async Task Only_the_customer_or_a_counter_clerk_pays_and_a_repeated_payment_does_not_pay_twice()
    {
        var application = await RepliedAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await PayAsync(application, "cust-stranger", "WX-1", 63_000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PayAsync(application, "drafter-li", "WX-1", 63_000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PayAsync(application, "manager-zhang", "WX-1", 63_000m)).StatusCode);
        var wrongAmount = await PayAsync(application, application.CustomerId, "WX-1", 60_000m);
        Assert.Equal(HttpStatusCode.Conflict, wrongAmount.StatusCode);
        Assert.Contains("63000.00", (await SchemeFlowApp.ProblemAsync(wrongAmount)).Detail);

        // The same payment sent three times at once and once more later: one payment.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PayAsync(application, application.CustomerId, "WX-20260302-0001", 63_000m)));
        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var again = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, PayAsync(application, application.CustomerId, "WX-20260302-0001", 63_000m));
        var payment = await SchemeFlowApp.ReadAsync<ChargePaymentDto>(again);
        Assert.Equal((PaymentChannel.Online, application.CustomerId, 63_000m), (payment.Channel, payment.RecordedBy, payment.Amount));
        // Another payment of a settled account is refused: nothing is payable.
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(application, "clerk-wu", "POS-2", 63_000m)).StatusCode);

        var charges = await app.GetAsync<ChargeAccountDto>(ChargesOf(application));
        Assert.Equal(("Settled", 63_000m, 0m), (charges.Status, charges.Paid, charges.Balance));
        Assert.Single(charges.Payments);
        await app.PublishedAsync<ChargesPaid>(e => e.ApplicationId == application.ApplicationId);
        Assert.Single(app.Published<ChargesPaid>(e => e.ApplicationId == application.ApplicationId));
    }

    [Fact]
    public async Task A_counter_clerk_records_the_payment_for_the_customer()
    {
        var application = await RepliedAsync();

        var response = await SchemeFlowApp.ExpectAsync(HttpStatusCode.Created, PayAsync(application, "clerk-wu", "POS-0001", 63_000m));

        var payment = await SchemeFlowApp.ReadAsync<ChargePaymentDto>(response);
        Assert.Equal((PaymentChannel.Counter, "clerk-wu"), (payment.Channel, payment.RecordedBy));
        var paid = await app.PublishedAsync<ChargesPaid>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal([new ItemAmount("TemporaryConnection", 63_000m)], paid.Items);
    }

    [Fact]
    public async Task A_charge_outside_the_tariff_is_refused_with_a_problem_and_an_audit_row_and_a_tariff_item_on_request_is_added()
    {
        var application = await RepliedAsync(ApplicationKind.ChangeOfUse);
        var charges = await app.GetAsync<ChargeAccountDto>(ChargesOf(application));
        Assert.Equal(("Settled", 0m), (charges.Status, charges.Total));

        var invented = await app.PostAsync(ChargesOf(application), new { item = "ConnectionFee", amount = 5000m, reason = "接入费" }, "drafter-li");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invented.StatusCode);
        Assert.Equal("No charge may be made outside the tariff.", (await SchemeFlowApp.ProblemAsync(invented)).Title);
        var overcharged = await app.PostAsync(ChargesOf(application), new { item = "MeterVerification", amount = 300m, reason = "客户申请校表" }, "drafter-li");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overcharged.StatusCode);
        Assert.Contains("150.00", (await SchemeFlowApp.ProblemAsync(overcharged)).Detail);
        var audit = await app.GetAsync<AuditApi.AuditPage>($"/admin/audit?targetId={application.ApplicationId}");
        Assert.Equal(2, audit.Items.Count(e => e.StatusCode == 422 && e.Route.Contains("charges") && e.Subject == "drafter-li"));
        Assert.Empty(app.Published<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId && e.Revision > 1));

        var added = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK,
            app.PostAsync(ChargesOf(application), new { item = "MeterVerification", amount = 150m, reason = "客户申请校表" }, "drafter-li"));
        var account = await SchemeFlowApp.ReadAsync<ChargeAccountDto>(added);
        Assert.Equal(("Payable", 2, 150m), (account.Status, account.Revision, account.Balance));
        Assert.Equal(ChargeBasis.Fixed, Assert.Single(account.Items).Basis);
        await app.PublishedAsync<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId && e.Revision == 2);
        // Customers cannot charge anything.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await app.PostAsync(ChargesOf(application), new { item = "MeterVerification", amount = 150m, reason = "x" }, application.CustomerId)).StatusCode);
    }

    [Fact]
    public async Task An_application_withdrawn_after_its_reply_but_before_the_acceptance_reached_supply_scheme_has_nothing_payable()
    {
        // The reply came while 受理's acceptance was still on its way; then the customer withdrew; then the acceptance came.
        var (application, reply, acceptedAt) = await ApprovedBeforeTheAcceptanceArrivesAsync();
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.ReplyAsync(reply.Id, application.Scheme(capacityKva: 630m)));
        await app.PublishedAsync<SchemeRepliedBeforeAcceptance>(e => e.ApplicationId == application.ApplicationId, consumed: true);
        await app.PublishAsync(new ApplicationWithdrawn(application.ApplicationId, application.ApplicationNumber, application.CustomerId, "项目取消", app.Clock.GetUtcNow()));

        await application.PublishAcceptedAsync(ApplicationKind.TemporarySupply, acceptedAt);

        var charges = await app.ClientAs(application.CustomerId).GetFromJsonAsync<ChargeAccountDto>(ChargesOf(application), SchemeFlowApp.Json);
        Assert.Equal(("Withdrawn", 0m), (charges!.Status, charges.Balance));
        Assert.Empty(app.Published<ChargesAssessed>(e => e.ApplicationId == application.ApplicationId));
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(application, application.CustomerId, "WX-11", 63_000m)).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_after_paying_refunds_what_was_paid_item_by_item()
    {
        var application = await RepliedAsync();
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.Created, PayAsync(application, application.CustomerId, "WX-9", 63_000m));

        await app.PublishAsync(new ApplicationWithdrawn(application.ApplicationId, application.ApplicationNumber, application.CustomerId, "项目取消", app.Clock.GetUtcNow()));

        var refunded = await app.PublishedAsync<ChargesRefunded>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal((63_000m, "客户撤回: 项目取消"), (refunded.Amount, refunded.Reason));
        Assert.Equal([new ItemAmount("TemporaryConnection", 63_000m)], refunded.Items);
        var charges = await app.ClientAs(application.CustomerId).GetFromJsonAsync<ChargeAccountDto>(ChargesOf(application), SchemeFlowApp.Json);
        Assert.Equal(("Withdrawn", 63_000m, 0m), (charges!.Status, charges.Refunded, charges.Balance));
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(application, application.CustomerId, "WX-10", 63_000m)).StatusCode);
    }
}
