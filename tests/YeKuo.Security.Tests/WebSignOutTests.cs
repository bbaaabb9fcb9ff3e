extern alias web;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YeKuo.Tests.Support;
using WebProgram = web::Program;
using TokenPrincipal = web::YeKuo.Web.Auth.TokenPrincipal;

namespace YeKuo.Security.Tests;

/// <summary>Signing out of the web front end revokes its API token at the gateway, not only the cookie.</summary>
public sealed class WebSignOutTests
{
    /// <summary>A stand-in gateway on loopback that records what the web app asks of it.</summary>
    private sealed class RecordingGateway : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public RecordingGateway()
        {
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                    Requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.Headers["Authorization"]}");
                    context.Response.StatusCode = 204;
                    context.Response.Close();
                }
            });
        }

        public int Port { get; }

        public ConcurrentQueue<string> Requests { get; } = new();

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }

    private sealed class Site(int gatewayPort) : WebApplicationFactory<WebProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("services:gateway:http:0", $"http://127.0.0.1:{gatewayPort}");
        }
    }

    [Fact]
    public async Task Signing_out_asks_the_gateway_to_revoke_the_sessions_token()
    {
        using var gateway = new RecordingGateway();
        using var site = new Site(gateway.Port);
        var token = TestTokens.Create("customer-web-signout", "customer");
        // The auth cookie the web app would have issued at sign-in for this token.
        var cookieOptions = site.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var ticket = new AuthenticationTicket(TokenPrincipal.FromToken(token, out _), CookieAuthenticationDefaults.AuthenticationScheme);
        var cookie = cookieOptions.TicketDataFormat.Protect(ticket);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{cookieOptions.Cookie.Name}={cookie}");

        using var response = await client.GetAsync("/signout");

        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode is >= 300 and < 400, $"{(int)response.StatusCode}");
        Assert.Contains($"POST /auth/signout Bearer {token}", gateway.Requests);
    }
}
