using Microsoft.EntityFrameworkCore;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.Tests;

/// <summary>The migrations of both providers describe the current model (no forgotten <c>migrations add</c>).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteNotificationDbContext(
            new DbContextOptionsBuilder<SqliteNotificationDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = new SqlServerNotificationDbContext(
            new DbContextOptionsBuilder<SqlServerNotificationDbContext>().UseSqlServer("Server=localhost;Database=yekuo;Integrated Security=true;TrustServerCertificate=true").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
