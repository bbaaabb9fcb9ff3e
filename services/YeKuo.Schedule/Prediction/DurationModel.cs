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
/// them), and the planned duration when there is no history at all.
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
        return new DurationModel(groups, minSamples, knownUpToIndex, contributing);
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
