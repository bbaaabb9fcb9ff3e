using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.SupplyScheme.Infrastructure.Migrations.SqlServer
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
                filter: "[Status] IN (N'Completed', N'Cancelled')");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Open_DueAt_OpenedAt",
                table: "WorkItems",
                columns: new[] { "DueAt", "OpenedAt" },
                filter: "[Status] IN (N'Open', N'InProgress', N'Paused')");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Running_DueAt_Department",
                table: "WorkItems",
                columns: new[] { "DueAt", "Department", "Status" },
                filter: "[Status] IN (N'Open', N'InProgress')");
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
