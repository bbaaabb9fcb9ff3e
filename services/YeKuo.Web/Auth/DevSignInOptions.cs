namespace YeKuo.Web.Auth;

/// <summary>
/// Development sign-in: the sign-in page asks the gateway's <c>POST /auth/dev-token</c> for a token of any subject,
/// role and department. On with <c>DevSignIn:Enabled=true</c> (the AppHost sets it beside the gateway's
/// <c>DevTokens:Enabled</c>); refused in Production, where an OIDC provider signs users in instead.
/// </summary>
public sealed record DevSignInOptions(bool Enabled)
{
    public const string EnabledKey = "DevSignIn:Enabled";

    public static bool IsEnabled(WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(EnabledKey))
        {
            return false;
        }
        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException($"{EnabledKey} must never be on in Production: anyone could sign in as anyone.");
        }
        return true;
    }
}
