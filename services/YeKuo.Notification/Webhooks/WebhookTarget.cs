using System.Net;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// Where a webhook host leads: the addresses a delivery may connect to, or why it may not go there (a sentence for the
/// partner that names the host, never what answered there).
/// </summary>
public sealed record WebhookTarget(string Host, IReadOnlyList<IPAddress> Addresses, string? Refusal)
{
    public bool IsAllowed => Refusal is null;

    public static WebhookTarget Refused(string host, string refusal) => new(host, [], refusal);
}
