using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports.Tests.Support;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Reports.Tests;

/// <summary>
/// The company is judged on its own time: the customer's design, construction and 整改 open no clock (each inspection's
/// clock starts at the customer's request) and are shown as the customer's waits. Dues are the real planner's, from
/// the start rules of the application's policy version.
/// </summary>
public sealed class CustomerWaitTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadDefault();
    private static readonly DeadlinePlanner Planner = new(Calendar, TimeLimitPolicyBook.LoadDefault());

    /// <summary>Tue 2025-07-01 09:00 China time: far enough back that a long application finished before the test clock.</summary>
    private static readonly DateTimeOffset Submitted = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_high_voltage_application_whose_customer_designs_for_20_and_builds_for_60_working_days_is_on_time_when_every_department_met_its_limits()
    {
        var (j, _) = await HighVoltageUpToCompletionAsync(design: 20, buildToHiddenWorks: 25, buildToCompletion: 35);

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal(Verdicts.OnTime, details.Verdict);
        Assert.Equal(true, details.Assessment!.OnTime);
        Assert.Equal(["SchemeReply", "DesignReview", "IntermediateInspection", "CompletionAcceptance", "PowerConnection"], details.Assessment.Nodes);
        Assert.All(details.Timeline.Where(s => s.Judged == true), s => Assert.True(s.OnTime, $"{s.Step} was late"));
        // The customer's time is on the timeline, counted and not judged.
        var waits = details.Timeline.Where(s => s.ActedBy == nameof(StepActor.Customer)).ToArray();
        Assert.Equal(
            ["SchemeConfirmation 2", "DesignSubmission 20", "IntermediateInspectionRequest 25", "CompletionReport 35"],
            waits.Select(s => $"{s.Step} {s.WorkingDays}"));
        Assert.All(waits, s => Assert.Equal((false, (DateTimeOffset?)null, (bool?)null), (s.Judged!.Value, s.DueAt, s.OnTime)));
        Assert.Equal(["Customer"], waits.Select(s => s.Department).Distinct());
        // The Gantt chart lists the same waits beside the network.
        Assert.Equal(
            ["SchemeConfirmation 2", "DesignSubmission 20", "IntermediateInspectionRequest 25", "CompletionReport 35"],
            details.Deviation!.CustomerWaits.Select(w => $"{w.What} {w.WorkingDays}"));
        // On the network (planned at typical durations, not at the limits) the customer's long construction is what moved
        // the finish most; the departments' days over typical stayed within their limits.
        var byCustomer = details.Deviation.Steps.Where(s => s.CustomerTime && s.DelaysJob == true).Sum(s => s.JobDelayWorkingDays!.Value);
        var byCompany = details.Deviation.Steps.Where(s => !s.CustomerTime && s.DelaysJob == true).Sum(s => s.JobDelayWorkingDays!.Value);
        Assert.True(byCustomer > byCompany, $"customer {byCustomer} WD, company {byCompany} WD");
    }

    [Fact]
    public async Task Each_inspections_clock_runs_from_the_customers_request_not_from_the_previous_step()
    {
        var (j, _) = await HighVoltageUpToCompletionAsync(design: 20, buildToHiddenWorks: 25, buildToCompletion: 35);

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        foreach (var (request, inspection) in new[]
        {
            (Step.DesignSubmission, Step.DesignReview), (Step.IntermediateInspectionRequest, Step.IntermediateInspection), (Step.CompletionReport, Step.CompletionAcceptance),
        })
        {
            var asked = details.Timeline.Single(s => s.Step == request.ToString());
            var checkStep = details.Timeline.Single(s => s.Step == inspection.ToString());
            Assert.Equal(asked.CompletedAt, checkStep.StartedAt);
            Assert.Equal(Planner.For(CustomerClass.HighVoltageSingleSource, j.PolicyVersion, inspection, asked.CompletedAt!.Value).DueAt, checkStep.DueAt);
        }
    }

    [Fact]
    public async Task A_failed_completion_acceptance_followed_by_a_30_day_rectification_and_a_recheck_request_is_on_time_when_the_recheck_met_its_limit()
    {
        var (j, requested) = await HighVoltageUpToCompletionAsync(design: 20, buildToHiddenWorks: 25, buildToCompletion: 35, completeConnection: false);
        // 竣工验收 round 1 fails within its limit, 30 days of 整改, then the customer's re-check request.
        var failedAt = await DepartmentStepAsync(j, Step.CompletionAcceptance, requested, requested, 2, outcome: TestOutcomes.Failed("接地电阻超标"));
        var rechecked = await CustomerStepAsync(j, Step.CompletionReport, failedAt, failedAt.AddDays(30), round: 2);
        var passed = await DepartmentStepAsync(j, Step.CompletionAcceptance, rechecked, rechecked, 3, round: 2);
        await ConnectAsync(j, passed);

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal(Verdicts.OnTime, details.Verdict);
        var rounds = details.Timeline.Where(s => s.Step == nameof(Step.CompletionAcceptance)).OrderBy(s => s.Round).ToArray();
        Assert.Equal([true, true], rounds.Select(r => r.OnTime!.Value));
        Assert.Equal(rechecked, rounds[1].StartedAt);
        // On the network the two rounds are 竣工验收 and 竣工复检, with the customer's 整改 between them as the customer's activity.
        var network = (await app.GetJsonAsync<DeviationReport>($"/api/applications/{j.ApplicationId}/network")).Steps.ToDictionary(s => s.Activity);
        Assert.Equal((2, 3), (network["completion-acceptance"].ActualWorkingDays, network["recheck"].ActualWorkingDays));
        Assert.Equal(("Customer", true), (network["rectification"].Department, network["rectification"].ActualWorkingDays >= 20));
        var rectification = details.Timeline.Single(s => s.Step == nameof(Step.CompletionReport) && s.Round == 2);
        Assert.Equal(nameof(StepActor.Customer), rectification.ActedBy);
        Assert.True(rectification.WorkingDays >= 20);
    }

    [Fact]
    public async Task A_recheck_that_overran_its_own_limit_makes_the_application_late()
    {
        var (j, requested) = await HighVoltageUpToCompletionAsync(design: 20, buildToHiddenWorks: 25, buildToCompletion: 35, completeConnection: false);
        var failedAt = await DepartmentStepAsync(j, Step.CompletionAcceptance, requested, requested, 2, outcome: TestOutcomes.Failed("接地电阻超标"));
        var rechecked = await CustomerStepAsync(j, Step.CompletionReport, failedAt, failedAt.AddDays(30), round: 2);
        await DepartmentStepAsync(j, Step.CompletionAcceptance, rechecked, rechecked, 5, round: 2);

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal(Verdicts.Late, details.Verdict);
        Assert.False(details.Timeline.Single(s => s.Step == nameof(Step.CompletionAcceptance) && s.Round == 2).OnTime);
    }

    [Fact]
    public async Task An_application_accepted_under_the_older_rule_is_judged_by_its_10_day_design_review()
    {
        const string older = "SGCC-YK-KH";
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-older", Submitted.AddHours(2), older);
        var requested = await RunUpToDesignReviewAsync(j, design: 20);
        // 8 working days: within the older rule's 10, over the current document's 5.
        await DepartmentStepAsync(j, Step.DesignReview, requested, requested, 8);

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal(older, details.PolicyVersion);
        var review = details.Timeline.Single(s => s.Step == nameof(Step.DesignReview));
        Assert.True(review.OnTime);
        Assert.Equal(Verdicts.Pending, details.Verdict);
        Assert.Equal(Planner.For(CustomerClass.HighVoltageSingleSource, older, Step.DesignReview, requested).DueAt, review.DueAt);
        Assert.NotEqual(Planner.For(CustomerClass.HighVoltageSingleSource, "YK-TL-2024", Step.DesignReview, requested).DueAt, review.DueAt);
    }

    [Theory]
    [InlineData(4, 1, true)]  // 方案答复 4 WD (its own 3 exceeded) but the span 受理 → 装表接电 within 9
    [InlineData(6, 3, false)] // the span over its 9 WD
    public async Task A_low_voltage_application_is_judged_as_one_span_with_the_customers_time_taken_out(int schemeDays, int completionDays, bool onTime)
    {
        var j = await app.AcceptedAsync(CustomerClass.LowVoltageNonResidential, "cm-span", Submitted.AddHours(2));
        var accepted = await DepartmentStepAsync(j, Step.Acceptance, Submitted, Submitted, 0);
        var surveyed = await DepartmentStepAsync(j, Step.SiteSurvey, accepted, accepted, 1);
        var replied = await DepartmentStepAsync(j, Step.SchemeReply, surveyed, accepted, schemeDays - 1);
        var confirmed = await CustomerStepAsync(j, Step.SchemeConfirmation, replied, WorkingDaysAfter(replied, 5));
        var reported = await CustomerStepAsync(j, Step.CompletionReport, confirmed, WorkingDaysAfter(confirmed, 40));
        var checkedAt = await DepartmentStepAsync(j, Step.CompletionAcceptance, reported, reported, completionDays);
        var signed = await DepartmentStepAsync(j, Step.SupplyContract, checkedAt, checkedAt, 1);
        await DepartmentStepAsync(j, Step.PowerConnection, signed, checkedAt, 1);
        await app.PublishAsync(j.PowerConnected(WorkingDaysAfter(signed, 1)));

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");

        Assert.Equal("Span", details.Assessment!.Kind);
        Assert.Equal(9, details.Assessment.LimitWorkingDays);
        // 受理 0 + 勘查 and 方案答复 (schemeDays) + 竣工验收 + 合同 1 + 装表接电 1; the 45 working days of the customer's are out.
        Assert.Equal(schemeDays + completionDays + 2, details.Assessment.ActualWorkingDays);
        Assert.Equal(onTime ? Verdicts.OnTime : Verdicts.Late, details.Verdict);
        Assert.All(details.Timeline, s => Assert.False(s.Judged));
    }

    [Fact]
    public async Task While_the_customer_designs_the_application_waits_on_the_customer_without_a_due_date()
    {
        var manager = $"cm-{Guid.NewGuid():N}"[..12];
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, AcceptanceApp.Now.AddDays(-20));
        var confirmedAt = AcceptanceApp.Now.AddDays(-9);
        await app.PublishAsync(j.Opened(Step.DesignSubmission, confirmedAt, null, assignee: j.CustomerId));

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");
        var worklist = await app.GetJsonAsync<WorklistEntry[]>($"/api/applications/managers/{manager}/worklist");
        var progress = await app.GetJsonAsync<CustomerProgress>($"/api/applications/{j.ApplicationId}/progress");

        var wait = details.Waiting!;
        Assert.Equal(("Customer", "DesignSubmission", "提交设计文件", true), (wait.WaitingOn, wait.Step, wait.StepName, wait.CustomerTime));
        Assert.Equal(confirmedAt, wait.Since);
        Assert.Equal(Calendar.CountWorkingDays(ChinaTime.BusinessDate(confirmedAt), ChinaTime.BusinessDate(AcceptanceApp.Now)), wait.WorkingDays);
        Assert.Null(wait.DueAt);
        Assert.False(wait.Overdue);
        var entry = Assert.Single(worklist);
        Assert.Equal(("DesignSubmission", "Customer", true, (DateTimeOffset?)null), (entry.Step, entry.Department, entry.CustomerTime, entry.DueAt));
        Assert.Equal(wait.WorkingDays, entry.AgeWorkingDays);
        Assert.Equal(("DesignSubmission", "Customer"), (progress.Waiting!.Step, progress.Waiting.WaitingOn));
        Assert.Equal(nameof(StepActor.Customer), progress.Steps.Single(s => s.Step == "DesignSubmission").ActedBy);
    }

    [Fact]
    public async Task A_due_computed_into_a_year_without_a_holiday_notice_is_marked_on_the_timeline_and_the_worklist()
    {
        var manager = $"cm-{Guid.NewGuid():N}"[..12];
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, manager, AcceptanceApp.Now.AddDays(-1));
        var due = new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));
        await app.PublishAsync(j.Opened(Step.DesignReview, AcceptanceApp.Now.AddHours(-1), due) with { DueAssumedYears = [2027] });

        var details = await app.GetJsonAsync<ApplicationDetails>($"/api/applications/{j.ApplicationId}");
        var worklist = await app.GetJsonAsync<WorklistEntry[]>($"/api/applications/managers/{manager}/worklist");
        var progress = await app.GetJsonAsync<CustomerProgress>($"/api/applications/{j.ApplicationId}/progress");

        Assert.Equal([2027], details.Timeline.Single(s => s.Step == nameof(Step.DesignReview)).DueAssumedYears);
        Assert.Equal([2027], details.Waiting!.DueAssumedYears);
        Assert.Equal([2027], Assert.Single(worklist).DueAssumedYears);
        Assert.Equal([2027], progress.Steps.Single(s => s.Step == nameof(Step.DesignReview)).DueAssumedYears);
    }

    /// <summary>
    /// A 10 kV 新装 under its policy version up to the customer's 竣工报验 (design, the hidden works and the rest of the
    /// construction taking the given working days); every department within its limit; optionally on to power connected.
    /// Returns the journey and when the 竣工报验 was made.
    /// </summary>
    private async Task<(Journey Journey, DateTimeOffset CompletionReported)> HighVoltageUpToCompletionAsync(
        int design, int buildToHiddenWorks, int buildToCompletion, bool completeConnection = true)
    {
        var j = await app.AcceptedAsync(CustomerClass.HighVoltageSingleSource, "cm-waits", Submitted.AddHours(2));
        var designRequested = await RunUpToDesignReviewAsync(j, design);
        var reviewed = await DepartmentStepAsync(j, Step.DesignReview, designRequested, designRequested, 4);
        var hiddenWorks = await CustomerStepAsync(j, Step.IntermediateInspectionRequest, reviewed, WorkingDaysAfter(reviewed, buildToHiddenWorks));
        var inspected = await DepartmentStepAsync(j, Step.IntermediateInspection, hiddenWorks, hiddenWorks, 2);
        var reported = await CustomerStepAsync(j, Step.CompletionReport, inspected, WorkingDaysAfter(inspected, buildToCompletion));
        if (completeConnection)
        {
            var accepted = await DepartmentStepAsync(j, Step.CompletionAcceptance, reported, reported, 3);
            await ConnectAsync(j, accepted);
        }
        return (j, reported);
    }

    /// <summary>受理, 现场勘查 and 方案答复 in time, the customer's confirmation and design; returns when the design documents were submitted.</summary>
    private async Task<DateTimeOffset> RunUpToDesignReviewAsync(Journey j, int design)
    {
        var accepted = await DepartmentStepAsync(j, Step.Acceptance, Submitted, Submitted, 0);
        var surveyed = await DepartmentStepAsync(j, Step.SiteSurvey, accepted, accepted, 2);
        var replied = await DepartmentStepAsync(j, Step.SchemeReply, surveyed, accepted, 6);
        var confirmed = await CustomerStepAsync(j, Step.SchemeConfirmation, replied, WorkingDaysAfter(replied, 2));
        return await CustomerStepAsync(j, Step.DesignSubmission, confirmed, WorkingDaysAfter(confirmed, design));
    }

    private async Task ConnectAsync(Journey j, DateTimeOffset accepted)
    {
        var signed = await DepartmentStepAsync(j, Step.SupplyContract, accepted, accepted, 1);
        var connected = await DepartmentStepAsync(j, Step.PowerConnection, signed, accepted, 1);
        await app.PublishAsync(j.PowerConnected(connected));
    }

    /// <summary>A department step opened at <paramref name="opened"/> on the clock started at <paramref name="clockStart"/>, done after <paramref name="workingDays"/>.</summary>
    private async Task<DateTimeOffset> DepartmentStepAsync(
        Journey j, Step step, DateTimeOffset opened, DateTimeOffset clockStart, int workingDays, int round = 1, StepOutcome? outcome = null)
    {
        var due = Planner.For(j.CustomerClass, j.PolicyVersion, step, clockStart).DueAt;
        var done = workingDays == 0 ? opened.AddHours(2) : WorkingDaysAfter(opened, workingDays);
        await app.PublishAsync(j.Opened(step, opened, due, round), j.Completed(step, done, round, outcome: outcome));
        return done;
    }

    /// <summary>A customer step (no clock) open from <paramref name="opened"/> until the customer acts at <paramref name="done"/>.</summary>
    private async Task<DateTimeOffset> CustomerStepAsync(Journey j, Step step, DateTimeOffset opened, DateTimeOffset done, int round = 1)
    {
        await app.PublishAsync(j.Opened(step, opened, null, round, assignee: j.CustomerId), j.Completed(step, done, round, by: j.CustomerId));
        return done;
    }

    /// <summary>The same time of day <paramref name="workingDays"/> working days after <paramref name="from"/>'s China business date.</summary>
    private static DateTimeOffset WorkingDaysAfter(DateTimeOffset from, int workingDays)
    {
        var day = Calendar.AddWorkingDays(ChinaTime.BusinessDate(from), workingDays).Date;
        var local = from.ToOffset(TimeSpan.FromHours(8));
        return new DateTimeOffset(day.Year, day.Month, day.Day, local.Hour, local.Minute, 0, TimeSpan.FromHours(8));
    }
}
