extern alias gateway;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using RestartHold = gateway::YeKuo.Gateway.RestartHold;

namespace YeKuo.Security.Tests;

/// <summary>
/// The gateway in-process in front of a service that is down or dies mid-request. A refused connection (restarting) is
/// tried again within the hold, so the caller gets the service's answer once it listens; past the hold the caller gets a
/// 502 ProblemDetails saying the request never reached the service. A request whose connection was lost is sent again
/// (a write with its body and request id, marked resent); lost every time, it is answered 502 saying it may have been
/// carried out.
/// </summary>
public sealed class GatewayForwardingTests
{
    private sealed class GatewayBefore(int port, double holdSeconds) : GatewayDefenceTests.Gateway
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("services:metering:http:0", $"http://127.0.0.1:{port}");
            builder.UseSetting(RestartHold.HoldSetting, holdSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task A_request_to_a_service_that_is_restarting_is_held_until_the_service_listens_and_gets_its_answer()
    {
        var port = FreePort();
        await using var gateway = new GatewayBefore(port, holdSeconds: 30);
        var client = gateway.CreateClient();

        var clock = Stopwatch.StartNew();
        var answer = client.SendAsync(WorkItemsRequest());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(answer.IsCompleted, "the gateway answered before the service was listening");

        await using var service = await StartServiceAsync(port);
        using var response = await answer;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from metering", await response.Content.ReadAsStringAsync());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_service_refusing_longer_than_the_hold_is_answered_502_with_ProblemDetails_and_Retry_After_and_later_requests_fail_at_once()
    {
        var port = FreePort();
        await using var gateway = new GatewayBefore(port, holdSeconds: 2);
        var client = gateway.CreateClient();

        var clock = Stopwatch.StartNew();
        using var first = await client.SendAsync(WorkItemsRequest());
        var firstTook = clock.Elapsed;
        clock.Restart();
        using var second = await client.SendAsync(WorkItemsRequest());
        var secondTook = clock.Elapsed;

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.True(firstTook >= TimeSpan.FromSeconds(1.9), $"the first request was answered after {firstTook}, before the hold ran out");
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("metering", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("did not reach the service", problem.RootElement.GetProperty("detail").GetString());

        // The service has now refused for longer than the hold: no second wait.
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.True(secondTook < TimeSpan.FromSeconds(1.5), $"the second request waited {secondTook} although the hold had run out");

        // Once it listens again, requests go through (and the hold applies afresh to its next restart).
        await using var service = await StartServiceAsync(port);
        using var third = await client.SendAsync(WorkItemsRequest());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task A_read_whose_connection_was_lost_is_sent_again_and_answered()
    {
        var port = FreePort();
        await using var gateway = new GatewayBefore(port, holdSeconds: 30);
        var attempts = 0;
        await using var service = await StartServiceAsync(port, http =>
        {
            // The first attempt dies with the service's process, before any answer.
            if (Interlocked.Increment(ref attempts) == 1)
            {
                http.Abort();
            }
            return Task.CompletedTask;
        });

        using var response = await gateway.CreateClient().SendAsync(WorkItemsRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from metering", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_write_whose_connection_was_lost_is_sent_again_with_its_body_and_request_id_marked_resent()
    {
        var port = FreePort();
        await using var gateway = new GatewayBefore(port, holdSeconds: 30);
        var copies = new List<(string? RequestId, string? Resent, string Body)>();
        await using var service = await StartServiceAsync(port, async http =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            lock (copies)
            {
                copies.Add((http.Request.Headers["X-Request-Id"], http.Request.Headers["X-Request-Resent"], body));
                if (copies.Count == 1)
                {
                    // The first copy dies with the service's process, before any answer.
                    http.Abort();
                }
            }
        });

        using var request = WorkItemsRequest(HttpMethod.Post);
        request.Content = new StringContent("""{"remarks":"同意"}""", System.Text.Encoding.UTF8, "application/json");
        request.Headers.Add("X-Request-Id", "write-1");
        // Only the gateway says a request is resent: a caller's header is dropped.
        request.Headers.Add("X-Request-Resent", "1");
        using var response = await gateway.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, copies.Count);
        Assert.Equal(("write-1", null, """{"remarks":"同意"}"""), (copies[0].RequestId, NullIfEmpty(copies[0].Resent), copies[0].Body));
        Assert.Equal(("write-1", "1", """{"remarks":"同意"}"""), (copies[1].RequestId, NullIfEmpty(copies[1].Resent), copies[1].Body));
    }

    [Fact]
    public async Task A_write_lost_twice_more_is_answered_502_saying_it_may_have_been_carried_out()
    {
        var port = FreePort();
        await using var gateway = new GatewayBefore(port, holdSeconds: 30);
        var attempts = 0;
        await using var service = await StartServiceAsync(port, http =>
        {
            Interlocked.Increment(ref attempts);
            http.Abort();
            return Task.CompletedTask;
        });

        using var response = await gateway.CreateClient().SendAsync(WorkItemsRequest(HttpMethod.Post));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("may or may not have been carried out", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(3, attempts);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_request_whose_connection_the_dying_service_reset_before_reading_it_is_sent_again(string method)
    {
        var port = FreePort();
        await using var gateway = new GatewayBefore(port, holdSeconds: 30);
        // A killed service's listen backlog: the kernel accepted the gateway's connection, the process died before
        // reading the request, and the connection is reset (the chaos bench saw a 502 for this once in 12 kills; the
        // GET failed here every time before the fix, a bare SocketException from the handler's connection set-up).
        var dying = new TcpListener(IPAddress.Loopback, port);
        dying.Start();
        using var request = WorkItemsRequest(new HttpMethod(method));
        request.Headers.Add("X-Request-Id", $"reset-{method}");
        var answer = gateway.CreateClient().SendAsync(request);
        using (var accepted = await dying.AcceptSocketAsync())
        {
            accepted.LingerState = new LingerOption(true, 0);
        }
        dying.Stop();

        await using var service = await StartServiceAsync(port);
        using var response = await answer;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from metering", await response.Content.ReadAsStringAsync());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static HttpRequestMessage WorkItemsRequest(HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, "/api/metering/work-items");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenTests.Sign(SecurityAlgorithms.HmacSha256,
            new Claim("sub", "hold-admin"), new Claim("role", "admin"), new Claim("jti", Guid.NewGuid().ToString())));
        return request;
    }

    /// <summary>A stand-in for the metering service, listening on the given loopback port.</summary>
    private static async Task<WebApplication> StartServiceAsync(int port, Func<HttpContext, Task>? before = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var service = builder.Build();
        service.MapMethods("/api/metering/work-items", ["GET", "POST"], async (HttpContext http) =>
        {
            if (before is not null)
            {
                await before(http);
            }
            return http.RequestAborted.IsCancellationRequested ? Results.Empty : Results.Text("from metering");
        });
        await service.StartAsync();
        return service;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
