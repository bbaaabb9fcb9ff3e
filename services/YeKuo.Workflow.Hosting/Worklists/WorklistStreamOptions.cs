namespace YeKuo.Workflow.Hosting.Worklists;

/// <summary>Section <c>Worklist:Stream</c>: how worklist and progress streams keep their connection and their data fresh.</summary>
public sealed class WorklistStreamOptions
{
    /// <summary>A comment-like <c>heartbeat</c> event this often keeps proxies (YARP's 100 s activity timeout) from closing an idle stream.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a stream re-reads its whole worklist (a <c>snapshot</c> event): changes committed by another replica of
    /// the service reach it this way. Zero: never (one replica).
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What the client waits before reconnecting after the stream ends (sent as the SSE <c>retry</c> field).</summary>
    public TimeSpan ReconnectAfter { get; set; } = TimeSpan.FromSeconds(2);
}
