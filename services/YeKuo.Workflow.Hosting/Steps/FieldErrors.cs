using YeKuo.ServiceDefaults.Validation;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// Collects field-level validation errors in the shape of ValidationProblemDetails. Text fields are checked against
/// <see cref="TextRules"/>: free text by <see cref="Required"/> and <see cref="Optional"/>, names and addresses by
/// <see cref="Name"/>.
/// </summary>
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
        else
        {
            Optional(field, value, maxLength);
        }
    }

    public void Optional(string field, string? value, int maxLength)
    {
        if (value is not { Length: > 0 })
        {
            return;
        }
        if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
        else if (TextRules.FreeTextProblem(value) is { } problem)
        {
            Add(field, $"{field} must not contain {problem}.");
        }
    }

    /// <summary>A required name, address or identifier: one line of visible text of at most <paramref name="maxLength"/> characters.</summary>
    public void Name(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
        else if (TextRules.SingleLineProblem(value) is { } problem)
        {
            Add(field, $"{field} must be one line of visible text; it contains {problem}.");
        }
    }
}
