using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Workflow.Hosting.Tests;

public sealed class InspectionCompletionTests
{
    private readonly InspectionCompletion _completion = new();

    private StepCompletionResult Evaluate(string json) =>
        _completion.Evaluate(JsonDocument.Parse(json).RootElement, WorkItems.Open(step: Step.DesignReview));

    [Fact]
    public void It_completes_the_inspection_family_of_the_catalogue()
    {
        Assert.Equal(typeof(InspectionOutcome), _completion.OutcomeType);
        Assert.Equal(typeof(InspectionCompletion.Body), _completion.BodyType);
        Assert.All([Step.DesignReview, Step.IntermediateInspection, Step.CompletionAcceptance],
            step => Assert.Equal(typeof(InspectionOutcome), StepCatalogue.Of(step).OutcomeType));
    }

    [Fact]
    public void A_pass_without_defects_is_valid_and_records_passed_true()
    {
        var result = Evaluate("""{"passed": true, "remarks": "图纸齐全"}""");

        Assert.True(result.IsValid);
        var outcome = Assert.IsType<InspectionOutcome>(result.Outcome);
        Assert.True(outcome.Passed);
        Assert.Equal("图纸齐全", outcome.Remarks);
        Assert.Empty(outcome.Defects);
        Assert.True(outcome.MovesOn);
    }

    [Fact]
    public void A_failure_with_defects_is_valid_and_records_the_trimmed_defects()
    {
        var result = Evaluate("""{"passed": false, "defects": [" 接地电阻超标 ", "电缆沟未封堵"]}""");

        Assert.True(result.IsValid);
        var outcome = Assert.IsType<InspectionOutcome>(result.Outcome);
        Assert.False(outcome.Passed);
        Assert.Equal(["接地电阻超标", "电缆沟未封堵"], outcome.Defects);
        Assert.False(outcome.MovesOn);
    }

    [Theory]
    [InlineData("""{"passed": false}""")]
    [InlineData("""{"passed": false, "defects": []}""")]
    public void A_failure_must_list_defects(string json)
    {
        var result = Evaluate(json);

        Assert.False(result.IsValid);
        Assert.Contains("defects", result.Errors.Keys);
        Assert.Null(result.Outcome);
    }

    [Fact]
    public void A_pass_with_defects_is_rejected()
    {
        var result = Evaluate("""{"passed": true, "defects": ["接地电阻超标"]}""");

        Assert.False(result.IsValid);
        Assert.Equal(["defects"], result.Errors.Keys);
    }

    [Fact]
    public void Passed_is_required()
    {
        var result = Evaluate("""{"defects": []}""");

        Assert.False(result.IsValid);
        Assert.Contains("passed", result.Errors.Keys);
    }

    [Theory]
    [InlineData("""{"passed": false, "defects": ["  "]}""")]
    [InlineData("""{"passed": false, "defects": [""]}""")]
    public void Blank_defects_are_rejected(string json)
    {
        var result = Evaluate(json);

        Assert.Contains("defects", result.Errors.Keys);
    }

    [Fact]
    public void More_than_the_maximum_number_of_defects_is_rejected()
    {
        var defects = string.Join(',', Enumerable.Range(1, InspectionCompletion.MaxDefects + 1).Select(i => $"\"缺陷{i}\""));

        var result = Evaluate($$"""{"passed": false, "defects": [{{defects}}]}""");

        Assert.Contains("defects", result.Errors.Keys);
    }

    [Fact]
    public void A_defect_longer_than_200_characters_is_rejected()
    {
        var result = Evaluate($$"""{"passed": false, "defects": ["{{new string('缺', 201)}}"]}""");

        Assert.Contains("defects", result.Errors.Keys);
    }

    [Fact]
    public void Remarks_longer_than_1000_characters_are_rejected()
    {
        var result = Evaluate($$"""{"passed": true, "remarks": "{{new string('x', 1001)}}"}""");

        Assert.Equal(["remarks"], result.Errors.Keys);
    }

    [Fact]
    public void A_wrongly_typed_field_is_a_field_error_named_after_the_field_not_an_exception()
    {
        var result = Evaluate("""{"passed": "maybe"}""");

        Assert.False(result.IsValid);
        Assert.Equal(["passed"], result.Errors.Keys);
    }

    [Fact]
    public void A_null_body_is_a_body_error()
    {
        var result = Evaluate("null");

        Assert.Equal(["body"], result.Errors.Keys);
    }
}
