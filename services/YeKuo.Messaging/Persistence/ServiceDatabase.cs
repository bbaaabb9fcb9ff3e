namespace YeKuo.Messaging.Persistence;

/// <summary>Which DbContext is this service's own database (registered by AddServiceDatabase).</summary>
public sealed record ServiceDatabase(Type ContextType);
