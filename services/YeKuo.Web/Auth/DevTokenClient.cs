using System.Net;
using System.Net.Http.Json;
using YeKuo.Web.Api;

namespace YeKuo.Web.Auth;

/// <summary>Gets a development token from the gateway (<c>POST /auth/dev-token</c>), retrying its rate limit briefly.</summary>
public sealed class DevTokenClient(HttpClient http)
{
    private sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

    public async Task<ApiResult<string>> IssueAsync(string subject, string role, string? department, string? name, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("auth/dev-token",
                new { subject, role, department = string.IsNullOrEmpty(department) ? null : department, name = string.IsNullOrEmpty(name) ? null : name },
                cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1)), cancellationToken);
                continue;
            }
            if (response.IsSuccessStatusCode)
            {
                var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
                return ApiResult<string>.Success(token!.AccessToken, (int)response.StatusCode);
            }
            return await ApiResult<string>.FailureAsync(response, cancellationToken);
        }
    }
}
