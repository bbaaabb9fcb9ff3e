using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Inspection.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorklistIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Status_DueAt",
                table: "WorkItems");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Closed_Status_DueAt_OpenedAt",
                table: "WorkItems",
                columns: new[] { "Status", "DueAt", "OpenedAt" },
                filter: "\"Status\" IN ('Completed', 'Cancelled') OR \"Status\" = 'Completed' OR \"Status\" = 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Open_DueAt_OpenedAt",
                table: "WorkItems",
                columns: new[] { "DueAt", "OpenedAt" },
                filter: "\"Status\" IN ('Open', 'InProgress', 'Paused') OR \"Status\" = 'Open' OR \"Status\" = 'InProgress' OR \"Status\" = 'Paused'");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Running_DueAt_Department",
                table: "WorkItems",
                columns: new[] { "DueAt", "Department", "Status" },
                filter: "\"Status\" IN ('Open', 'InProgress') OR \"Status\" = 'Open' OR \"Status\" = 'InProgress'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Closed_Status_DueAt_OpenedAt",
                table: "WorkItems");

            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Open_DueAt_OpenedAt",
                table: "WorkItems");

            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Running_DueAt_Department",
                table: "WorkItems");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Status_DueAt",
                table: "WorkItems",
                columns: new[] { "Status", "DueAt" });
        }
    }
}
