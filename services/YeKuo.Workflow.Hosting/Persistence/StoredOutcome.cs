using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging;

namespace YeKuo.Workflow.Hosting.Persistence;

/// <summary>
/// A typed step outcome in one JSON column (its family first). A row written before outcomes were typed (a string
/// dictionary without a family) reads as no outcome instead of failing the whole query.
/// </summary>
public static class StoredOutcome
{
    public static readonly ValueConverter<StepOutcome?, string?> Converter = new(
        outcome => outcome == null ? null : JsonSerializer.Serialize(outcome, MessageJson.Options),
        json => Read(json));

    public static readonly ValueComparer<StepOutcome?> Comparer = new(
        (a, b) => Equals(a, b),
        v => v == null ? 0 : v.GetHashCode(),
        v => v);

    public static StepOutcome? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<StepOutcome>(json, MessageJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
