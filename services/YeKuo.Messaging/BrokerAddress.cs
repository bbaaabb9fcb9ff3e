namespace YeKuo.Messaging;

/// <summary>
/// The broker as <c>ConnectionStrings:messaging</c> names it: <c>amqp://user:password@host:port/vhost</c>, or
/// <c>amqps://…</c> for TLS (port 5671 unless given; the broker's certificate must be valid for the host name).
/// A URI without credentials logs in as <c>guest</c>, which only Development accepts.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, string VirtualHost, string User, string Password, bool UseTls)
{
    public const int AmqpPort = 5672;
    public const int AmqpsPort = 5671;

    public static BrokerAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException("ConnectionStrings:messaging is not an amqp:// or amqps:// URI.");
        }
        var tls = uri.Scheme == "amqps";
        var path = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        var (user, password) = ("guest", "guest");
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            (user, password) = (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }
        return new BrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? AmqpsPort : AmqpPort) : uri.Port,
            path.Length == 0 ? "/" : path, user, password, tls);
    }

    /// <summary>The address without its password, for logs and errors.</summary>
    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{User}@{Host}:{Port}/{VirtualHost.TrimStart('/')}";
}
