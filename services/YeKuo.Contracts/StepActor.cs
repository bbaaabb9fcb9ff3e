using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>Who acts on a step: the department's staff, or the customer (online, or a counter clerk for them).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepActor>))]
public enum StepActor
{
    Department,
    Customer,
}
