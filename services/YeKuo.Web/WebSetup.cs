using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Web.Api;
using YeKuo.Web.Auth;
using YeKuo.Web.Components;
using YeKuo.Web.Localization;

namespace YeKuo.Web;

/// <summary>
/// The web app's pieces: Razor components (interactive server), cookie sign-in holding the user's API token, the
/// gateway client, zh-CN/en text. It keeps no data of its own: every page reads and acts through the gateway.
/// </summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddYeKuoWeb(this WebApplicationBuilder builder)
    {
        var gateway = GatewayAddress(builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(options =>
            options.DetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "yekuo.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/denied";
                options.ReturnUrlParameter = "returnUrl";
                // The cookie never outlives the API token it carries.
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = false;
            });
        // The same named policies as the services (used here for /metrics: platform only).
        builder.Services.AddAuthorizationBuilder().AddYeKuoPolicies();
        builder.Services.AddSingleton<SecurityMarker>();
        builder.Services.AddSingleton(new DevSignInOptions(DevSignInOptions.IsEnabled(builder)));

        builder.Services.AddHttpClient<GatewayApi>(client => client.BaseAddress = gateway);
        builder.Services.AddHttpClient<DevTokenClient>(client => client.BaseAddress = gateway);
        builder.Services.AddHttpClient<GatewaySignOut>(client => client.BaseAddress = gateway);
        // Streams get their own client: one long request each, which the default resilience handler's timeouts would cut.
        builder.Services.AddKeyedSingleton(GatewayStream.ClientKey, (_, _) => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = gateway,
            Timeout = Timeout.InfiniteTimeSpan,
        });
        builder.Services.AddScoped<GatewayStream>();
        builder.Services.AddSingleton<UiText>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new LiveOptions(TimeSpan.FromSeconds(builder.Configuration.GetValue("Web:LivePollSeconds", 3))));
        return builder;
    }

    public static WebApplication UseYeKuoWeb(this WebApplication app)
    {
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(UiText.Chinese).AddSupportedCultures(UiText.Chinese, UiText.English).AddSupportedUICultures(UiText.Chinese, UiText.English);
            // Chinese unless the user picked English (the language switch sets the cookie); the browser's language is not guessed.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
        });
        app.MapDefaultEndpoints();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/account/culture", (string? name, string? returnUrl, HttpContext http) =>
        {
            var culture = name == UiText.English ? UiText.English : UiText.Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription(); // a page's language switch, not an API
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Only local paths: never redirect a user to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";

    private static Uri GatewayAddress(IConfiguration configuration) =>
        new((configuration["services:gateway:http:0"] ?? configuration["services:gateway:https:0"] ?? configuration["Web:GatewayUrl"]
            ?? throw new InvalidOperationException("services__gateway__http__0 (or Web:GatewayUrl) is not set: the web app calls every API through the gateway.")).TrimEnd('/') + "/");
}

/// <summary>How often open pages without a live stream (or whose stream is down) re-read their data.</summary>
public sealed record LiveOptions(TimeSpan Interval);
