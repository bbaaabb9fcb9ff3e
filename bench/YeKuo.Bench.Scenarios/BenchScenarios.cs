namespace YeKuo.Bench.Scenarios;

/// <summary>The scenarios of this assembly, by name.</summary>
public static class BenchScenarios
{
    public static IReadOnlyDictionary<string, IBenchScenario> All { get; } = typeof(IBenchScenario).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IBenchScenario).IsAssignableFrom(t)
                    && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IBenchScenario)Activator.CreateInstance(t)!)
        .ToDictionary(s => s.Name, StringComparer.Ordinal);
}
