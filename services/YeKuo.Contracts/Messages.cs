using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace YeKuo.Contracts;

/// <summary>Looks up contract types by their message URN, so stored messages (outbox rows) can be rebuilt.</summary>
public static class Messages
{
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> ByUrn = new(() =>
        typeof(Messages).Assembly.GetTypes()
            .Select(t => (Type: t, Urn: t.GetCustomAttribute<MessageUrnAttribute>()))
            .Where(x => x.Urn is not null)
            .ToDictionary(x => x.Urn!.Urn.ToString(), x => x.Type));

    // Read once per type: every event a service writes asks for its URN, and reading an attribute builds it anew each time.
    private static readonly ConcurrentDictionary<Type, string> UrnByType = new();

    public static string UrnOf(Type type) => UrnByType.GetOrAdd(type, static type =>
        type.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString()
        ?? throw new ArgumentException($"{type.Name} has no [MessageUrn]; every contract must declare one.", nameof(type)));

    public static Type TypeOf(string urn) =>
        ByUrn.Value.TryGetValue(urn, out var type) ? type : throw new KeyNotFoundException($"No contract has the URN '{urn}'.");

    public static IEnumerable<Type> All => ByUrn.Value.Values;
}
