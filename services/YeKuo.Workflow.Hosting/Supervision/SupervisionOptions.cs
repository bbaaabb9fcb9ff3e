using Microsoft.Extensions.Options;
using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Supervision;

/// <summary>Configuration section <c>Supervision</c>: when to warn, when to escalate and to whom, how often to scan.</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    private static readonly double[] DefaultWarningFractions = [0.5, 0.8];

    /// <summary>
    /// Shares of the allowed working time at which 超时预警 fires, ascending; the first raises
    /// <see cref="DeadlineLevel.HalfUsed"/>, the second <see cref="DeadlineLevel.MostlyUsed"/>. Default [0.5, 0.8].
    /// </summary>
    /// <remarks>Null means the default (the configuration binder would append to a pre-filled array).</remarks>
    public double[]? WarningFractions { get; set; }

    /// <summary>Grace after the due before overdue work is escalated to the department head (default 0: at overdue).</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.Zero;

    /// <summary>Department head per department name (e.g. <c>Supervision:DepartmentHeads:Inspection</c>); default <c>head-&lt;department&gt;</c>.</summary>
    public Dictionary<string, string> DepartmentHeads { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the scanner looks for due timers (default 5 s).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers claimed per transaction (default 200); a scan keeps taking batches until none is due.</summary>
    public int BatchSize { get; set; } = 200;

    public IReadOnlyList<double> EffectiveWarningFractions => WarningFractions is { Length: > 0 } fractions ? fractions : DefaultWarningFractions;

    public string HeadOf(Department department) =>
        DepartmentHeads.TryGetValue(department.ToString(), out var head) && !string.IsNullOrWhiteSpace(head)
            ? head
            : $"head-{department.ToString().ToLowerInvariant()}";
}

internal sealed class SupervisionOptionsValidator : IValidateOptions<SupervisionOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisionOptions options)
    {
        var errors = new List<string>();
        var fractions = options.EffectiveWarningFractions;
        if (fractions.Count > 2)
        {
            errors.Add("Supervision:WarningFractions takes at most two values (HalfUsed, MostlyUsed).");
        }
        if (fractions.Any(f => !(f > 0 && f < 1)))
        {
            errors.Add("Supervision:WarningFractions must be between 0 and 1 (exclusive).");
        }
        if (fractions.Zip(fractions.Skip(1)).Any(p => p.First >= p.Second))
        {
            errors.Add("Supervision:WarningFractions must be strictly ascending.");
        }
        if (options.EscalateAfter < TimeSpan.Zero)
        {
            errors.Add("Supervision:EscalateAfter cannot be negative.");
        }
        if (options.ScanInterval <= TimeSpan.Zero)
        {
            errors.Add("Supervision:ScanInterval must be positive.");
        }
        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add("Supervision:BatchSize must be between 1 and 10000.");
        }
        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
