using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Progress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClaimedAt",
                table: "Timeline",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerFeedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TimelinePauses",
                columns: table => new
                {
                    WorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PausedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResumedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelinePauses", x => new { x.WorkItemId, x.PausedAt });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Timeline_ApplicationId_CompletedAt",
                table: "Timeline",
                columns: new[] { "ApplicationId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerFeedback_ApplicationId_Kind",
                table: "CustomerFeedback",
                columns: new[] { "ApplicationId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerFeedback");

            migrationBuilder.DropTable(
                name: "TimelinePauses");

            migrationBuilder.DropIndex(
                name: "IX_Timeline_ApplicationId_CompletedAt",
                table: "Timeline");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Timeline");
        }
    }
}
