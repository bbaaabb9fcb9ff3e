namespace YeKuo.ServiceDefaults;

/// <summary>Headers the gateway sets on what it forwards and the services read.</summary>
public static class RequestHeaders
{
    /// <summary>
    /// The request's id: the caller's when it sent a sane one, else the gateway's. Echoed in the answer, recorded in the
    /// audit and tagged on the trace. It names one request: a caller must not reuse it for another.
    /// </summary>
    public const string RequestId = "X-Request-Id";

    /// <summary>
    /// Set by the gateway (and only by it: a caller's is removed) when it sends a write again whose connection was lost
    /// before the answer: the service answers 409 instead of acting twice when the first copy had committed.
    /// </summary>
    public const string Resent = "X-Request-Resent";
}
