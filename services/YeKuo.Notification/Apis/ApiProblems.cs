using YeKuo.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace YeKuo.Notification.Apis;

/// <summary>ProblemDetails answers and the field-error collection of ValidationProblemDetails.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    public static ProblemHttpResult NotFound(string what, Guid id) =>
        Problem(StatusCodes.Status404NotFound, $"{what} not found.", $"There is no {what.ToLowerInvariant()} {id}.");

    /// <summary>The enum member named <paramref name="value"/> (case-insensitive, names only, never numbers).</summary>
    public static bool TryParseName<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum => QueryValues.TryName(value, out result);

    public static string NamesOf<TEnum>() where TEnum : struct, Enum => QueryValues.NamesOf<TEnum>();
}

/// <summary>Field errors in the shape of ValidationProblemDetails.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> Errors => _errors;

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Requires non-blank free text of at most <paramref name="maxLength"/> characters (after trimming) that <see cref="TextRules"/> accepts.</summary>
    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
        else if (TextRules.FreeTextProblem(value) is { } problem)
        {
            Add(field, $"{field} must not contain {problem}.");
        }
    }
}
