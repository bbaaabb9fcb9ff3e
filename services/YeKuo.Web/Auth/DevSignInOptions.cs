using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Web.Auth;

/// <summary>
/// Development sign-in: the sign-in page asks the gateway's <c>POST /auth/dev-token</c> for a token of any subject,
/// role and department. On with <c>DevSignIn:Enabled=true</c> (the AppHost sets it beside the gateway's
/// <c>DevTokens:Enabled</c>); refused in every environment but Development, where an OIDC provider signs users in instead.
/// </summary>
public sealed record DevSignInOptions(bool Enabled)
{
    public const string EnabledKey = "DevSignIn:Enabled";

    public static bool IsEnabled(WebApplicationBuilder builder) =>
        DevelopmentOnly.IsOn(builder.Configuration, builder.Environment, EnabledKey, "anyone could sign in as anyone");
}
