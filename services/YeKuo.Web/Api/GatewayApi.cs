using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.Authorization;
using YeKuo.Web.Auth;

namespace YeKuo.Web.Api;

/// <summary>
/// The gateway's HTTP APIs, called server-side with the signed-in user's bearer token, so every answer is exactly what
/// the services allow that user (404 for others' applications, 403 for other departments).
/// </summary>
public sealed class GatewayApi(HttpClient http, AuthenticationStateProvider authentication, ILogger<GatewayApi> logger)
{
    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (user.AccessToken() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return await ApiResult<T>.FailureAsync(response, cancellationToken);
            }
            var value = await response.Content.ReadFromJsonAsync<T>(cancellationToken);
            return ApiResult<T>.Success(value!, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{Method} {Path} through the gateway failed", method, path);
            return ApiResult<T>.Unreachable(ex.Message);
        }
    }
}
