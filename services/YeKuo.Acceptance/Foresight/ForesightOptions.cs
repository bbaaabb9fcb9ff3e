namespace YeKuo.Acceptance.Foresight;

/// <summary>Settings of the power-on forecasts (<c>Foresight</c> section).</summary>
public sealed class ForesightOptions
{
    /// <summary>Fewer finished applications than this in the database and the forecasts draw from the engine's priors.</summary>
    public int MinStoredApplications { get; set; } = 50;

    /// <summary>How long the duration model built from the database is reused before it is built again.</summary>
    public TimeSpan ModelLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many of the latest finished applications make up the stored history.</summary>
    public int MaxStoredApplications { get; set; } = 20_000;

    /// <summary>Monte Carlo runs per forecast.</summary>
    public int Iterations { get; set; } = 500;
}
