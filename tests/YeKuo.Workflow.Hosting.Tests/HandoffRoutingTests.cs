using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Workflow.Hosting.Tests;

public sealed class HandoffRoutingTests
{
    [Theory]
    [InlineData(Step.Acceptance, "SupplyScheme.SiteSurvey")]
    [InlineData(Step.SchemeReply, "SupplyScheme.SchemeConfirmation")]
    [InlineData(Step.SchemeConfirmation, "Inspection.DesignSubmission")]
    [InlineData(Step.DesignSubmission, "Inspection.DesignReview")]
    [InlineData(Step.DesignReview, "Inspection.IntermediateInspectionRequest")]
    [InlineData(Step.IntermediateInspectionRequest, "Inspection.IntermediateInspection")]
    [InlineData(Step.CompletionReport, "Inspection.CompletionAcceptance")]
    [InlineData(Step.CompletionAcceptance, "Metering.SupplyContract")]
    public void A_completion_is_routed_to_the_department_hosting_the_step_it_opens(Step completed, string key) =>
        Assert.Equal(key, HandoffRouting.KeyOf(Completed(completed)));

    [Fact]
    public void A_failed_inspection_is_routed_back_to_the_customers_request_before_it() =>
        Assert.Equal("Inspection.CompletionReport",
            HandoffRouting.KeyOf(Completed(Step.CompletionAcceptance, new InspectionOutcome(false, ["接地电阻超标"], null))));

    [Fact]
    public void A_scheme_the_customer_wants_changed_is_routed_back_to_the_scheme_reply() =>
        Assert.Equal("SupplyScheme.SchemeReply",
            HandoffRouting.KeyOf(Completed(Step.SchemeConfirmation, new SchemeConfirmationOutcome(false, "容量改为 1000 kVA"))));

    [Fact]
    public void The_last_completion_of_a_plan_is_routed_to_no_department() =>
        Assert.Equal(HandoffRouting.Nowhere, HandoffRouting.KeyOf(Completed(Step.PowerConnection)));

    [Fact]
    public void A_completion_whose_own_service_opened_the_next_step_is_routed_to_no_department() =>
        Assert.Equal(HandoffRouting.Nowhere, HandoffRouting.KeyOf(Completed(Step.DesignReview) with { NextStepHandled = true }));

    [Fact]
    public void Every_step_is_keyed_to_the_department_that_hosts_it_customer_steps_included()
    {
        foreach (var definition in StepCatalogue.All)
        {
            Assert.Equal($"{definition.Department}.{definition.Step}", HandoffRouting.KeyOf(definition.Step));
            Assert.Contains(definition.Step, StepCatalogue.HostedBy(definition.Department));
            Assert.NotEqual(Department.Customer, definition.Department);
        }
    }

    [Fact]
    public void Every_step_has_its_own_key_so_a_service_binds_exactly_the_steps_it_hosts()
    {
        var keys = Enum.GetValues<Step>().Select(HandoffRouting.KeyOf).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.DoesNotContain(HandoffRouting.Nowhere, keys);
    }

    private static StepCompleted Completed(Step step, StepOutcome? outcome = null) => new(
        Guid.NewGuid(), Guid.NewGuid(), "YK-2026-000001", "customer-1", CustomerClass.HighVoltageSingleSource, "2026",
        step, StepCatalogue.Of(step).Responsible, 1, "staff-1", WorkItems.OpenedAt, WorkItems.OpenedAt.AddDays(1), null,
        WorkItems.HighVoltagePlan, outcome ?? TestOutcomes.For(step));
}
