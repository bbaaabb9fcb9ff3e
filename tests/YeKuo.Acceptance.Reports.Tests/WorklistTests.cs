using System.Net;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using static YeKuo.Acceptance.Reports.Tests.Support.China;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>The clock stands at Wed 2026-03-25 10:00 China time.</summary>
public sealed class WorklistTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    [Fact]
    public async Task The_managers_worklist_shows_where_each_active_application_waits_soonest_due_first()
    {
        var manager = $"cm-{Guid.NewGuid():N}"[..12];
        var design = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, At(3, 2, 11));
        await app.PublishAsync(design.Opened(Step.DesignReview, At(3, 23, 10), EndOf(3, 30)), design.Claimed(Step.DesignReview, "insp-wang", At(3, 23, 15)));
        var scheme = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, At(3, 4, 11));
        await app.PublishAsync(scheme.Step(Step.SiteSurvey, At(3, 5, 10), At(3, 6, 10), EndOf(3, 19)));
        await app.PublishAsync(scheme.Opened(Step.SchemeReply, At(3, 6, 10), EndOf(3, 19), assignee: "plan-li"));
        var connected = await app.AcceptedAsync(CustomerClass.Residential, manager, At(3, 2, 11));
        await app.PublishAsync(connected.PowerConnected(At(3, 4, 11)));
        var someoneElses = await app.AcceptedAsync(CustomerClass.Residential, "cm-other", At(3, 2, 11));

        var worklist = await app.GetJsonAsync<WorklistEntry[]>($"/api/applications/managers/{manager}/worklist");

        Assert.Equal([scheme.ApplicationId, design.ApplicationId], worklist.Select(w => w.ApplicationId));
        var late = worklist[0];
        Assert.Equal(("SchemeReply", "SupplyScheme", "plan-li"), (late.Step, late.Department, late.Assignee));
        Assert.Equal((At(3, 6, 10), EndOf(3, 19), 13, true), (late.WaitingSince!.Value, late.DueAt!.Value, late.AgeWorkingDays!.Value, late.Overdue));
        var review = worklist[1];
        Assert.Equal(("DesignReview", "设计审查", "Inspection", "insp-wang"), (review.Step, review.StepName, review.Department, review.Assignee));
        Assert.Equal((2, false), (review.AgeWorkingDays!.Value, review.Overdue));
        Assert.DoesNotContain(worklist, w => w.ApplicationId == someoneElses.ApplicationId);
    }

    [Fact]
    public async Task Between_two_steps_the_worklist_names_the_next_step_and_who_acts_on_it()
    {
        var manager = $"cm-{Guid.NewGuid():N}"[..12];
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, At(3, 2, 11));
        await app.PublishAsync(j.Step(Step.SchemeConfirmation, At(3, 17, 10), At(3, 19, 10), null));

        var entry = Assert.Single(await app.GetJsonAsync<WorklistEntry[]>($"/api/applications/managers/{manager}/worklist"));

        // After the confirmation the customer designs: their turn, customer time, no due.
        Assert.Equal(("DesignSubmission", "Customer", null, true), (entry.Step, entry.Department, entry.Assignee, entry.CustomerTime));
        Assert.Equal((At(3, 19, 10), 4), (entry.WaitingSince!.Value, entry.AgeWorkingDays!.Value));
        Assert.Null(entry.DueAt);
    }

    [Fact]
    public async Task A_manager_name_longer_than_64_characters_is_a_bad_request()
    {
        var response = await app.CreateClient().GetAsync($"/api/applications/managers/{new string('x', 65)}/worklist");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
