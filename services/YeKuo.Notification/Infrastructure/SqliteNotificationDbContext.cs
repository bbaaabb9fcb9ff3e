using Microsoft.EntityFrameworkCore;

namespace YeKuo.Notification.Infrastructure;

/// <summary>The SQLite flavour (default, an embedded file); carries the SQLite migrations.</summary>
public sealed class SqliteNotificationDbContext(DbContextOptions<SqliteNotificationDbContext> options) : NotificationDbContext(options);
