using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Acceptance.Tests;

/// <summary>客户经理负责制, 一对一 (seed 004): one manager per customer, changed only by a head or admin with a reason.</summary>
public sealed class CustomerManagerTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly object Complete = new { documentsComplete = true };

    private static string Customer() => $"cust-{Guid.NewGuid():N}"[..20];

    private async Task<ApplicationDetails> AcceptedAsync(AcceptanceApp host, string customer)
    {
        var (application, workItemId) = await host.SubmitValidAsync(customer: customer);
        await AcceptanceApp.ExpectAsync(HttpStatusCode.OK, host.CompleteAsync(workItemId, Complete));
        return await host.ApplicationAsync(application.Id);
    }

    [Fact]
    public async Task A_customers_second_application_gets_the_same_customer_manager()
    {
        // A fresh service: the least-loaded rule would give the second application another manager.
        await using var fresh = new AcceptanceApp();
        var customer = Customer();

        var first = await AcceptedAsync(fresh, customer);
        var other = await AcceptedAsync(fresh, Customer());
        var second = await AcceptedAsync(fresh, customer);

        Assert.NotEqual(first.CustomerManager, other.CustomerManager);
        Assert.Equal(first.CustomerManager, second.CustomerManager);
        var accepted = await fresh.PublishedAsync<ApplicationAccepted>(m => m.ApplicationId == second.Id);
        Assert.Equal(first.CustomerManager, accepted.CustomerManager);
    }

    [Fact]
    public async Task Concurrent_first_acceptances_of_one_customer_meet_the_key_and_share_one_manager()
    {
        await using var fresh = new AcceptanceApp();
        var customer = Customer();
        var submitted = new List<(ApplicationDetails Application, Guid WorkItemId)>();
        for (var i = 0; i < 4; i++)
        {
            submitted.Add(await fresh.SubmitValidAsync(customer: customer));
        }

        var answers = await Task.WhenAll(submitted.Select(s => fresh.CompleteAsync(s.WorkItemId, Complete, user: $"clerk-{s.WorkItemId:N}")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var managers = new HashSet<string?>();
        foreach (var (application, _) in submitted)
        {
            managers.Add((await fresh.ApplicationAsync(application.Id)).CustomerManager);
        }
        Assert.Single(managers);
        await using var scope = fresh.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AcceptanceDbContext>().CustomerManagers.Where(m => m.CustomerId == customer).ToListAsync();
        Assert.Equal(managers.Single(), Assert.Single(rows).CustomerManager);
    }

    [Fact]
    public async Task A_head_changes_a_customers_manager_with_a_reason_and_every_open_application_follows()
    {
        var customer = Customer();
        var first = await AcceptedAsync(app, customer);
        var second = await AcceptedAsync(app, customer);
        var next = new[] { "cm-zhang", "cm-li", "cm-wang" }.First(m => m != first.CustomerManager);

        var response = await AcceptanceApp.ExpectAsync(HttpStatusCode.OK, app.ClientAs("head-sun").PutAsJsonAsync(
            $"/api/customers/{customer}/manager", new { customerManager = next, reason = "原客户经理调岗" }));

        var view = (await response.Content.ReadFromJsonAsync<CustomerManagerView>(AcceptanceApp.Json))!;
        Assert.Equal(next, view.CustomerManager);
        Assert.Equal(2, view.OpenApplications);
        var change = Assert.Single(view.Changes);
        Assert.Equal((first.CustomerManager, next, "原客户经理调岗", "head-sun"), (change.PreviousManager, change.CustomerManager, change.Reason, change.ChangedBy));
        Assert.Equal(next, (await app.ApplicationAsync(first.Id)).CustomerManager);
        Assert.Equal(next, (await app.ApplicationAsync(second.Id)).CustomerManager);

        var changed = await app.PublishedAsync<CustomerManagerChanged>(m => m.CustomerId == customer);
        Assert.Equal(next, changed.CustomerManager);
        Assert.Equal(first.CustomerManager, changed.PreviousManager);
        Assert.Equal(new HashSet<Guid> { first.Id, second.Id }, changed.ApplicationIds.ToHashSet());

        // The customer's next application gets the new manager; the new manager's worklist has all three.
        var third = await AcceptedAsync(app, customer);
        Assert.Equal(next, third.CustomerManager);
        var worklist = await app.ClientAs(next.Replace("cm-", "manager-")).GetAsync($"/api/applications/managers/{next}/worklist");
        Assert.Equal(HttpStatusCode.Forbidden, worklist.StatusCode);
        var entries = await app.CreateClient().GetFromJsonAsync<Progress.WorklistEntry[]>($"/api/applications/managers/{next}/worklist", AcceptanceApp.Json);
        Assert.Superset(new HashSet<Guid> { first.Id, second.Id, third.Id }, entries!.Select(e => e.ApplicationId).ToHashSet());
    }

    [Fact]
    public async Task Only_a_head_of_acceptance_or_an_admin_changes_a_manager_and_only_with_a_reason_and_a_real_manager()
    {
        var customer = Customer();
        var application = await AcceptedAsync(app, customer);
        var next = new[] { "cm-zhang", "cm-li", "cm-wang" }.First(m => m != application.CustomerManager);
        var path = $"/api/customers/{customer}/manager";

        foreach (var user in new[] { "staff-1", "manager-x", "clerk-1", "staff-supplyscheme", "cust-1" })
        {
            var refused = await app.ClientAs(user).PutAsJsonAsync(path, new { customerManager = next, reason = "想换" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var noReason = await app.ClientAs("head-sun").PutAsJsonAsync(path, new { customerManager = next, reason = " " });
        Assert.Contains("reason", (await AcceptanceApp.ValidationErrorsAsync(noReason)).Keys);
        var nobody = await app.ClientAs("head-sun").PutAsJsonAsync(path, new { customerManager = "cm-nobody", reason = "调岗" });
        Assert.Contains("customerManager", (await AcceptanceApp.ValidationErrorsAsync(nobody)).Keys);
        var same = await app.ClientAs("head-sun").PutAsJsonAsync(path, new { customerManager = application.CustomerManager, reason = "调岗" });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        var unknown = await app.ClientAs("head-sun").PutAsJsonAsync($"/api/customers/{Customer()}/manager", new { customerManager = next, reason = "调岗" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Equal(application.CustomerManager, (await app.ApplicationAsync(application.Id)).CustomerManager);
        Assert.Empty(app.PublishedSoFar<CustomerManagerChanged>(m => m.CustomerId == customer));
    }

    [Fact]
    public async Task The_managers_worklist_shows_each_warning_of_a_customers_application_once_however_often_it_arrives()
    {
        var customer = Customer();
        var application = await AcceptedAsync(app, customer);
        var workItem = Guid.NewGuid();
        var warning = new DeadlineWarningRaised(workItem, application.Id, application.Number, Step.SiteSurvey, Department.SupplyScheme,
            "staff-zhou", DeadlineLevel.HalfUsed, AcceptanceApp.Monday10China.AddDays(3), AcceptanceApp.Monday10China.AddDays(1));
        await app.PublishAsync(new WorkItemOpened(workItem, application.Id, application.Number, Step.SiteSurvey, Department.SupplyScheme, 1,
            "staff-zhou", AcceptanceApp.Monday10China, AcceptanceApp.Monday10China.AddDays(3)));
        var messageId = MassTransit.NewId.NextGuid();

        await app.PublishAsync(warning, messageId);
        await app.PublishAsync(warning, messageId);
        await app.PublishAsync(warning with { }, MassTransit.NewId.NextGuid());
        await app.PublishAsync(warning with { Level = DeadlineLevel.MostlyUsed, RaisedAt = warning.RaisedAt.AddHours(20) });

        var entries = await app.CreateClient().GetFromJsonAsync<Progress.WorklistEntry[]>(
            $"/api/applications/managers/{application.CustomerManager}/worklist", AcceptanceApp.Json);
        var entry = Assert.Single(entries!, e => e.ApplicationId == application.Id);
        Assert.Equal("SupplyScheme", entry.Department);
        Assert.Equal("MostlyUsed", entry.Warning);
        Assert.Equal(["HalfUsed", "MostlyUsed"], entry.Warnings!.Select(w => w.Level));
        Assert.All(entry.Warnings!, w => Assert.Equal(("现场勘查", "staff-zhou"), (w.StepName, w.Assignee)));
    }
}
