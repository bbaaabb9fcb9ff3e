using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>Whether and how a step's time is judged against the company (the policy's assessment decides which applies).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepJudging>))]
public enum StepJudging
{
    /// <summary>A 考核节点: its own clock and limit, judged on its own when the policy assesses each node (高压).</summary>
    Node,

    /// <summary>Runs on another step's clock (its <see cref="StepDefinition.ClockGroup"/>) and is judged with that node.</summary>
    PartOfNode,

    /// <summary>Timed and supervised (warnings, escalation) but not an assessment node of its own (受理).</summary>
    Supervised,

    /// <summary>The customer's time: tracked and shown, never judged against a department.</summary>
    CustomerTime,
}
