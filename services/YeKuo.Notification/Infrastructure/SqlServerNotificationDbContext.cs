using Microsoft.EntityFrameworkCore;

namespace YeKuo.Notification.Infrastructure;

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerNotificationDbContext(DbContextOptions<SqlServerNotificationDbContext> options) : NotificationDbContext(options);
