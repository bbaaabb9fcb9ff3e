using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using YeKuo.SupplyScheme.Infrastructure;

namespace YeKuo.SupplyScheme.Flow.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_SQLite_migrations_cover_the_model_and_create_the_scheme_review_tables_with_their_unique_indexes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"yekuo-supplyscheme-migrations-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteSupplySchemeDbContext>()
                .UseSqlite($"Data Source={path}")
                .Options;
            await using (var db = new SqliteSupplySchemeDbContext(options))
            {
                // The migrations cover the whole model (this service's tables and the shared work-item base).
                Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration: regenerate the SupplyScheme migrations.");
                await db.Database.MigrateAsync();
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }

            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND (tbl_name = 'SchemeReviews' OR tbl_name = 'ReviewOpinions')";
            var names = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }
            Assert.Contains("SchemeReviews", names);
            Assert.Contains("ReviewOpinions", names);
            Assert.Contains("IX_ReviewOpinions_ReviewId_Department", names);
            Assert.Contains("IX_SchemeReviews_SchemeReplyWorkItemId", names);
            Assert.Contains("IX_SchemeReviews_ApplicationId_Revision", names);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
