using YeKuo.Contracts;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting.Tests;

public sealed class StepOwnershipTests
{
    private static readonly Step[] ZeroServicePlan = [Step.Acceptance, Step.SiteSurvey, Step.PowerConnection];

    [Theory]
    [InlineData(Step.Acceptance, Step.SiteSurvey)]
    [InlineData(Step.SiteSurvey, Step.SchemeReply)]
    [InlineData(Step.SchemeReply, Step.SchemeConfirmation)]
    [InlineData(Step.SchemeConfirmation, Step.DesignReview)]
    [InlineData(Step.DesignReview, Step.IntermediateInspection)]
    [InlineData(Step.IntermediateInspection, Step.CompletionAcceptance)]
    [InlineData(Step.CompletionAcceptance, Step.SupplyContract)]
    [InlineData(Step.SupplyContract, Step.PowerConnection)]
    public void The_next_step_of_the_high_voltage_plan_follows_the_plan_order(Step completed, Step next) =>
        Assert.Equal(next, StepOwnership.NextInPlan(WorkItems.HighVoltagePlan, completed));

    [Fact]
    public void The_last_step_has_no_next() =>
        Assert.Null(StepOwnership.NextInPlan(WorkItems.HighVoltagePlan, Step.PowerConnection));

    [Fact]
    public void The_zero_service_plan_goes_from_survey_straight_to_connection() =>
        Assert.Equal(Step.PowerConnection, StepOwnership.NextInPlan(ZeroServicePlan, Step.SiteSurvey));

    [Fact]
    public void A_step_outside_the_plan_has_no_next() =>
        Assert.Null(StepOwnership.NextInPlan(ZeroServicePlan, Step.DesignReview));

    [Fact]
    public void An_empty_plan_has_no_next() =>
        Assert.Null(StepOwnership.NextInPlan([], Step.Acceptance));

    [Fact]
    public void The_plans_of_the_policy_data_match_the_differentiated_process()
    {
        var policy = TimeLimitPolicyBook.LoadDefault().ForVersion("YK-TL-2024");

        Assert.Equal(ZeroServicePlan, policy.StepsFor(CustomerClass.Residential));
        Assert.Equal(WorkItems.HighVoltagePlan, policy.StepsFor(CustomerClass.HighVoltageSingleSource));
        Assert.DoesNotContain(Step.DesignReview, policy.StepsFor(CustomerClass.LowVoltageNonResidential));
    }

    [Theory]
    [InlineData(Step.Acceptance, Department.Acceptance)]
    [InlineData(Step.SiteSurvey, Department.SupplyScheme)]
    [InlineData(Step.SchemeReply, Department.SupplyScheme)]
    [InlineData(Step.SchemeConfirmation, Department.Customer)]
    [InlineData(Step.DesignReview, Department.Inspection)]
    [InlineData(Step.IntermediateInspection, Department.Inspection)]
    [InlineData(Step.CompletionAcceptance, Department.Inspection)]
    [InlineData(Step.SupplyContract, Department.Metering)]
    [InlineData(Step.PowerConnection, Department.Metering)]
    public void Every_step_has_one_owning_department(Step step, Department owner) =>
        Assert.Equal(owner, StepOwnership.OwnerOf(step));

    [Fact]
    public void An_undefined_step_has_no_owner() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StepOwnership.OwnerOf((Step)99));
}
