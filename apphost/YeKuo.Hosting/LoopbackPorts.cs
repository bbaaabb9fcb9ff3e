namespace YeKuo.Hosting;

/// <summary>
/// Free loopback ports outside the kernel's ephemeral range. A port the kernel hands out for "port 0" can be taken by an
/// outgoing connection between the check and the child's bind (seen under load: the gateway failed with "address already
/// in use"); ports below the ephemeral range are never used for outgoing connections.
/// </summary>
public static class LoopbackPorts
{
    public static int Free(Func<int, bool>? acceptable = null)
    {
        var low = EphemeralLow();
        var first = Math.Min(20000, low - 1000);
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(first, low);
            if ((acceptable?.Invoke(port) ?? true) && OrchestrationContext.IsPortFree(port)) return port;
        }
        throw new DistributedApplicationException($"No free loopback port in {first}-{low - 1}.");
    }

    private static int EphemeralLow()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], out var low) && low > 2024) return low;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 32768;
    }
}
