using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Workflow.Hosting.Tests;

public sealed class HandoffRoutingTests
{
    [Theory]
    [InlineData(Step.Acceptance, "SupplyScheme.SiteSurvey")]
    [InlineData(Step.SchemeReply, "Customer.SchemeConfirmation")]
    [InlineData(Step.SchemeConfirmation, "Inspection.DesignReview")]
    [InlineData(Step.CompletionAcceptance, "Metering.SupplyContract")]
    public void A_completion_is_routed_to_the_department_and_step_it_opens(Step completed, string key) =>
        Assert.Equal(key, HandoffRouting.KeyOf(Completed(completed)));

    [Fact]
    public void A_failed_inspection_is_routed_back_to_the_same_step() =>
        Assert.Equal("Inspection.CompletionAcceptance", HandoffRouting.KeyOf(Completed(Step.CompletionAcceptance, (StepOutcome.Passed, "false"))));

    [Fact]
    public void A_completion_that_reopens_an_earlier_step_is_routed_to_that_step() =>
        Assert.Equal("SupplyScheme.SchemeReply", HandoffRouting.KeyOf(Completed(Step.SchemeConfirmation, (StepOutcome.Reopen, nameof(Step.SchemeReply)))));

    [Fact]
    public void The_last_completion_of_a_plan_is_routed_to_no_department() =>
        Assert.Equal(HandoffRouting.Nowhere, HandoffRouting.KeyOf(Completed(Step.PowerConnection)));

    [Fact]
    public void Every_step_has_its_own_key_so_a_service_binds_exactly_the_steps_it_hosts()
    {
        var keys = Enum.GetValues<Step>().Select(HandoffRouting.KeyOf).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.DoesNotContain(HandoffRouting.Nowhere, keys);
    }

    private static StepCompleted Completed(Step step, params (string Key, string Value)[] outcome) => new(
        Guid.NewGuid(), Guid.NewGuid(), "YK-2026-000001", "customer-1", CustomerClass.HighVoltageSingleSource, "2026",
        step, StepOwnership.OwnerOf(step), 1, "staff-1", WorkItems.OpenedAt, WorkItems.OpenedAt.AddDays(1), null,
        WorkItems.HighVoltagePlan, outcome.ToDictionary(o => o.Key, o => o.Value));
}
