using YeKuo.Contracts;
using YeKuo.Web.Components.Steps;

namespace YeKuo.Web.Tests;

/// <summary>Every step of the catalogue can be completed in the browser: its outcome family has a form (no browser needed).</summary>
public sealed class StepFormTests
{
    public static TheoryData<Step> Steps() => [.. Enum.GetValues<Step>()];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Every_step_has_the_form_of_its_outcome_family(Step step)
    {
        var form = StepForms.For(step.ToString());

        Assert.NotNull(form);
        Assert.True(form!.IsSubclassOf(typeof(StepFormBase)));
    }

    [Fact]
    public void Each_outcome_family_has_exactly_one_form() =>
        Assert.Equal(
            StepCatalogue.All.Select(d => d.OutcomeType).Distinct().OrderBy(t => t.Name),
            StepForms.OutcomeTypes.OrderBy(t => t.Name));
}
