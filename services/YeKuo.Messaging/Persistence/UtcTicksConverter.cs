using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace YeKuo.Messaging.Persistence;

/// <summary>
/// Stores instants as UTC ticks: SQLite cannot order or compare DateTimeOffset in SQL, and one representation on both
/// providers keeps the migrations alike.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
