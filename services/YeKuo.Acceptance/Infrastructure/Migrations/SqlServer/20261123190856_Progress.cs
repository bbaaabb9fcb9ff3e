using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.SqlServer
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
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Score = table.Column<int>(type: "int", nullable: true),
                    Category = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerFeedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TimelinePauses",
                columns: table => new
                {
                    WorkItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PausedAt = table.Column<long>(type: "bigint", nullable: false),
                    ResumedAt = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
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
