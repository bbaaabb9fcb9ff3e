using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Components.Authorization;
using YeKuo.Web.Auth;

namespace YeKuo.Web.Api;

/// <summary>
/// Follows a server-sent event stream of the gateway's APIs (a worklist, an application's progress) with the signed-in
/// user's token. Its HttpClient (<see cref="ClientKey"/>) has no resilience handler: a stream is one long request, which
/// the standard handler's timeouts would cut; a dropped stream is simply followed again.
/// </summary>
public sealed class GatewayStream(
    [FromKeyedServices(GatewayStream.ClientKey)] HttpClient http, AuthenticationStateProvider authentication, ILogger<GatewayStream> logger)
{
    public const string ClientKey = "gateway-streams";

    /// <summary>Calls <paramref name="onEvent"/> with each event's type (heartbeats left out) until the stream ends; false when it could not be opened.</summary>
    public async Task<bool> FollowAsync(string path, Func<string, Task> onEvent, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (user.AccessToken() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
            {
                if (item.EventType != "heartbeat")
                {
                    await onEvent(item.EventType);
                }
            }
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Following {Path} through the gateway stopped", path);
            return false;
        }
    }
}
