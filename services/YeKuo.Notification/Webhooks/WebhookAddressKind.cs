namespace YeKuo.Notification.Webhooks;

/// <summary>What kind of address a webhook target is; only <see cref="Public"/> is always allowed (see <see cref="WebhookTargetPolicy"/>).</summary>
public enum WebhookAddressKind
{
    Public,

    /// <summary>127.0.0.0/8, ::1 and <c>localhost</c> names: allowed only with <see cref="WebhookOptions.AllowLoopback"/> (local runs).</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10: allowed only with <see cref="WebhookOptions.AllowPrivate"/>.</summary>
    Private,

    /// <summary>169.254/16, fe80::/10: cloud metadata endpoints live here. Never allowed.</summary>
    LinkLocal,

    /// <summary>100.64/10 (carrier-grade NAT, also some clouds' metadata). Never allowed.</summary>
    Shared,

    /// <summary>0.0.0.0/8 and ::, which connect to this machine. Never allowed.</summary>
    Unspecified,

    /// <summary>224/4 and ff00::/8. Never allowed.</summary>
    Multicast,

    /// <summary>Documentation, benchmarking, broadcast, future-use and non-global IPv6 ranges. Never allowed.</summary>
    Reserved,
}
