namespace YeKuo.Schedule.History;

/// <summary>Random draws used by the generator and the forecast (seeded <see cref="Random"/>: the same seed gives the same numbers).</summary>
internal static class Distributions
{
    /// <summary>Log-normal with the given median and log-space sigma.</summary>
    public static double LogNormal(Random random, double median, double sigma) => median * Math.Exp(sigma * StandardNormal(random));

    public static double StandardNormal(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Failures before the first success, success probability p (mean (1 − p) / p).</summary>
    public static int Geometric(Random random, double p)
    {
        var n = 0;
        while (random.NextDouble() >= p && n < 60) n++;
        return n;
    }
}
