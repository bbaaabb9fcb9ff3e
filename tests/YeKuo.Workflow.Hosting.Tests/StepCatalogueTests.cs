using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting.Tests;

/// <summary>The step catalogue is the one home of every step: each step and department has exactly one entry, and routing reads it.</summary>
public sealed class StepCatalogueTests
{
    private static readonly Step[] ZeroServicePlan = [Step.Acceptance, Step.SiteSurvey, Step.PowerConnection];

    public static TheoryData<Step> Steps() => [.. Enum.GetValues<Step>()];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Every_step_has_exactly_one_catalogue_entry_with_names_and_a_department(Step step)
    {
        var definition = StepCatalogue.Of(step);

        Assert.Single(StepCatalogue.All, d => d.Step == step);
        Assert.False(string.IsNullOrWhiteSpace(definition.ChineseName));
        Assert.False(string.IsNullOrWhiteSpace(definition.EnglishName));
        Assert.NotNull(DepartmentCatalogue.Of(definition.Department).WorkItemsPrefix);
        Assert.True(definition.OutcomeType.IsSubclassOf(typeof(StepOutcome)), $"{step}: {definition.OutcomeType} is not a StepOutcome");
    }

    [Fact]
    public void Names_are_unique_so_a_name_identifies_its_step()
    {
        Assert.Equal(StepCatalogue.All.Count, StepCatalogue.All.Select(d => d.ChineseName).Distinct().Count());
        Assert.Equal(StepCatalogue.All.Count, StepCatalogue.All.Select(d => d.EnglishName).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Customer_steps_are_customer_time_and_department_steps_are_not(Step step)
    {
        var definition = StepCatalogue.Of(step);

        Assert.Equal(definition.IsCustomerStep, definition.Judging == StepJudging.CustomerTime);
        Assert.Equal(definition.IsCustomerStep ? Department.Customer : definition.Department, definition.Responsible);
        if (!definition.IsCustomerStep)
        {
            // A department step's time counts toward a clock: its own node or the node it is part of.
            var group = Assert.NotNull(definition.ClockGroup);
            Assert.Equal(definition.Judging is StepJudging.Node or StepJudging.Supervised, group == step);
        }
    }

    [Fact]
    public void An_undefined_step_has_no_entry() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StepCatalogue.Of((Step)99));

    [Fact]
    public void Every_department_has_one_entry_and_the_services_are_the_departments_but_the_customer()
    {
        Assert.Equal(Enum.GetValues<Department>().Order(), DepartmentCatalogue.All.Select(d => d.Department).Order());
        Assert.DoesNotContain(DepartmentCatalogue.Services, d => d.Department == Department.Customer);
        Assert.Equal(DepartmentCatalogue.All.Count, DepartmentCatalogue.All.Select(d => d.ChineseName).Distinct().Count());
    }

    [Fact]
    public void Names_and_numbers_are_not_departments_or_steps()
    {
        Assert.False(StepCatalogue.TryGet("1", out _));
        Assert.False(DepartmentCatalogue.TryGet("2", out _));
        Assert.False(StepCatalogue.TryGet("designreview", out _));
        Assert.True(DepartmentCatalogue.TryGet("inspection", out var inspection) && inspection.Department == Department.Inspection);
    }

    private static readonly StepOutcome[] OneOfEachFamily =
    [
        new AcceptanceOutcome("资料齐全"),
        new SiteSurveyOutcome("附近 10kV 线路有裕量", true),
        new SchemeReplyOutcome(10, 1, 800, MeteringMethod.HighSupplyHighMetering, "10kV 单电源"),
        new SchemeConfirmationOutcome(false, "计量点请调整"),
        new InspectionOutcome(false, ["接地电阻超标"], null),
        new SupplyContractOutcome("GYHT-2026-0001", new DateOnly(2026, 3, 2)),
        new PowerConnectionOutcome("3300012345"),
        new CustomerRequestOutcome("青海某电力设计院", ["施工图设计文件"], "已整改", null),
    ];

    public static TheoryData<StepOutcome> Outcomes() => [.. OneOfEachFamily];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Every_outcome_family_round_trips_through_the_base_type_with_its_family_first(StepOutcome outcome)
    {
        var json = JsonSerializer.Serialize(outcome, MessageJson.Options);
        var back = JsonSerializer.Deserialize<StepOutcome>(json, MessageJson.Options);

        Assert.StartsWith("{\"family\":", json);
        Assert.Equal(outcome.GetType(), back!.GetType());
        Assert.Equal(json, JsonSerializer.Serialize(back, MessageJson.Options));
    }

    [Fact]
    public void Every_outcome_family_of_the_catalogue_is_in_the_round_trip_above() =>
        Assert.Equal(
            StepCatalogue.All.Select(d => d.OutcomeType).Distinct().OrderBy(t => t.Name),
            OneOfEachFamily.Select(o => o.GetType()).OrderBy(t => t.Name));

    [Theory]
    [InlineData(Step.Acceptance, Step.SiteSurvey)]
    [InlineData(Step.SiteSurvey, Step.SchemeReply)]
    [InlineData(Step.SchemeReply, Step.SchemeConfirmation)]
    [InlineData(Step.SupplyContract, Step.PowerConnection)]
    public void The_next_step_follows_the_plan_order(Step completed, Step next) =>
        Assert.Equal(next, Plans.NextInPlan(WorkItems.HighVoltagePlan, completed));

    [Fact]
    public void The_last_step_and_steps_outside_the_plan_have_no_next()
    {
        Assert.Null(Plans.NextInPlan(WorkItems.HighVoltagePlan, Step.PowerConnection));
        Assert.Null(Plans.NextInPlan(ZeroServicePlan, Step.DesignReview));
        Assert.Null(Plans.NextInPlan([], Step.Acceptance));
        Assert.Equal(Step.PowerConnection, Plans.NextInPlan(ZeroServicePlan, Step.SiteSurvey));
    }

    [Fact]
    public void A_scheme_the_customer_wants_changed_goes_back_to_the_scheme_reply() =>
        Assert.Equal(Step.SchemeReply, Plans.OpensAfter(WorkItems.HighVoltagePlan, Step.SchemeConfirmation, new SchemeConfirmationOutcome(false, "改")));

    [Fact]
    public void A_passed_step_moves_on_along_the_plan() =>
        Assert.Equal(Step.SchemeConfirmation, Plans.OpensAfter(WorkItems.HighVoltagePlan, Step.SchemeReply, new SchemeReplyOutcome(10, 1, 800, MeteringMethod.HighSupplyHighMetering, "x")));

    [Fact]
    public void The_plans_of_the_policy_data_match_the_differentiated_process()
    {
        var policy = TimeLimitPolicyBook.LoadDefault().ForVersion("YK-TL-2024");

        Assert.Equal(ZeroServicePlan, policy.StepsFor(CustomerClass.Residential));
        Assert.Equal(WorkItems.HighVoltagePlan, policy.StepsFor(CustomerClass.HighVoltageSingleSource));
        Assert.DoesNotContain(Step.DesignReview, policy.StepsFor(CustomerClass.LowVoltageNonResidential));
    }
}
