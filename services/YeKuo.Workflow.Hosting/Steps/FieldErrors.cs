namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>Collects field-level validation errors in the shape of ValidationProblemDetails.</summary>
public sealed class FieldErrors(IDictionary<string, string[]> errors)
{
    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
    }

    public void Optional(string field, string? value, int maxLength)
    {
        if (value is { Length: > 0 } && value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
    }
}
