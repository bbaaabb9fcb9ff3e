using System.Net.Http.Json;
using System.Text.Json;

namespace YeKuo.Web.Api;

/// <summary>What a page shows of any API answer: success, or the status, detail and field errors.</summary>
public interface IApiOutcome
{
    bool Ok { get; }
    int Status { get; }
    string? Title { get; }
    string? Detail { get; }
    IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>An API answer: the value, or the ProblemDetails (title, detail and field errors) to show the user.</summary>
public sealed record ApiResult<T>(T? Value, int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors) : IApiOutcome
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public bool Ok => Status is >= 200 and < 300;

    public static ApiResult<T> Success(T value, int status = 200) => new(value, status, null, null, NoErrors);

    public static ApiResult<T> Unreachable(string detail) => new(default, 0, "服务暂时不可用", detail, NoErrors);

    public static async Task<ApiResult<T>> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? title = null, detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (problem.ValueKind == JsonValueKind.Object)
            {
                title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
                if (problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray()
                            : [field.Value.ToString()];
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a ProblemDetails body: the status says enough.
        }
        return new ApiResult<T>(default, (int)response.StatusCode, title ?? response.ReasonPhrase, detail, errors);
    }
}
