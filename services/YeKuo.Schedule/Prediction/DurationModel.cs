using YeKuo.Contracts;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.Prediction;

/// <summary>
/// The history of actual durations, grouped from fine to coarse: activity (hence step and department) + customer
/// class + kind of application, then activity + class, then activity + voltage group (高压/低压/三零), then activity
/// alone, then the owner department's activities of that voltage group. A forecast uses the finest group holding at
/// least <see cref="MinSamples"/> finished activities (customers' own activities thus come from past customers like
/// them), and the planned duration when there is no history at all. A customer slow at one thing tends to be slow at
/// the next: <see cref="CustomerPaceCorrelation"/> is the average correlation of the normal scores of one application's
/// customer activities, which the forecast uses to draw them together and to read the customer's pace so far.
/// </summary>
public sealed class DurationModel
{
    private readonly Dictionary<string, DurationSamples> _groups;

    private DurationModel(Dictionary<string, DurationSamples> groups, int minSamples, int knownUpTo, int applications)
    {
        _groups = groups;
        MinSamples = minSamples;
        KnownUpToIndex = knownUpTo;
        Applications = applications;
    }

    /// <summary>Correlation (0..0.95) between the paces of one customer's activities (a one-factor Gaussian copula).</summary>
    public double CustomerPaceCorrelation { get; private set; }

    public int MinSamples { get; }

    /// <summary>Only activities finished on or before this timeline index were used (no look-ahead in a backtest).</summary>
    public int KnownUpToIndex { get; }

    /// <summary>Applications that contributed at least one finished activity.</summary>
    public int Applications { get; }

    /// <summary>Builds the groups from every activity finished by <paramref name="knownUpToIndex"/> (default: all).</summary>
    public static DurationModel Build(IEnumerable<HistoricalApplication> history, int knownUpToIndex = int.MaxValue, int minSamples = 30)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamples, 1);
        var buckets = new Dictionary<string, (List<int> Ready, List<int> Work)>(StringComparer.Ordinal);
        var contributing = 0;
        foreach (var app in history)
        {
            var network = ApplicationNetworks.For(app.Class, app.Kind);
            var any = false;
            foreach (var r in app.Activities)
            {
                if (r.FinishIndex > knownUpToIndex) continue;
                any = true;
                var owner = network.Network[r.ActivityId].Owner;
                foreach (var key in Keys(r.ActivityId, owner, app.Class, app.Kind))
                {
                    if (!buckets.TryGetValue(key, out var b)) buckets[key] = b = ([], []);
                    b.Ready.Add(r.DaysFromReady);
                    b.Work.Add(r.WorkDays);
                }
            }

            if (any) contributing++;
        }

        var groups = buckets.ToDictionary(
            b => b.Key,
            b =>
            {
                var ready = b.Value.Ready.ToArray();
                var work = b.Value.Work.ToArray();
                Array.Sort(ready);
                Array.Sort(work);
                return new DurationSamples($"{b.Key} (n={ready.Length})", ready, work);
            },
            StringComparer.Ordinal);
        var model = new DurationModel(groups, minSamples, knownUpToIndex, contributing);
        model.CustomerPaceCorrelation = model.EstimateCustomerPaceCorrelation(history, knownUpToIndex);
        return model;
    }

    // Σ z_i z_j over pairs of one application's customer activities / number of pairs, over Σ z² / n.
    private double EstimateCustomerPaceCorrelation(IEnumerable<HistoricalApplication> history, int knownUpToIndex)
    {
        double cross = 0, square = 0;
        long pairs = 0, scores = 0;
        var z = new List<double>();
        foreach (var app in history)
        {
            var network = ApplicationNetworks.For(app.Class, app.Kind).Network;
            z.Clear();
            foreach (var r in app.Activities)
            {
                if (r.FinishIndex > knownUpToIndex) continue;
                var activity = network[r.ActivityId];
                if (!activity.IsCustomerTime) continue;
                var samples = SamplesFor(activity, app.Class, app.Kind);
                if (samples is not { Spreads: true }) continue;
                z.Add(samples.NormalScore(r.DaysFromReady));
            }

            for (var i = 0; i < z.Count; i++)
            {
                square += z[i] * z[i];
                scores++;
                for (var j = i + 1; j < z.Count; j++) { cross += z[i] * z[j]; pairs++; }
            }
        }

        if (pairs == 0 || square == 0) return 0;
        return Math.Clamp(cross / pairs / (square / scores), 0, 0.95);
    }

    /// <summary>The samples for an activity of an application like this one, or null when even the coarsest group is empty.</summary>
    public DurationSamples? SamplesFor(ActivityDefinition activity, CustomerClass customerClass, ApplicationKind kind)
    {
        DurationSamples? coarsest = null;
        foreach (var key in Keys(activity.Id, activity.Owner, customerClass, kind))
        {
            if (!_groups.TryGetValue(key, out var s)) continue;
            if (s.Count >= MinSamples) return s;
            coarsest ??= s;
        }

        return coarsest;
    }

    private static string VoltageGroup(CustomerClass c) =>
        ApplicationNetworks.IsZeroService(c) ? "zero-service" : ApplicationNetworks.IsHighVoltage(c) ? "high-voltage" : "low-voltage";

    // Finest first.
    private static IEnumerable<string> Keys(string activityId, Department owner, CustomerClass c, ApplicationKind kind)
    {
        yield return $"activity={activityId}|class={c}|kind={kind}";
        yield return $"activity={activityId}|class={c}";
        yield return $"activity={activityId}|voltage={VoltageGroup(c)}";
        yield return $"activity={activityId}";
        yield return $"department={owner}|voltage={VoltageGroup(c)}";
    }
}
