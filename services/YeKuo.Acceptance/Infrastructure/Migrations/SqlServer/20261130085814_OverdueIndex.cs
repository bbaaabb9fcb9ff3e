using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OverdueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Running_DueAt_Department",
                table: "WorkItems");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Running_Department_DueAt",
                table: "WorkItems",
                columns: new[] { "Department", "DueAt", "Status" },
                filter: "[Status] IN (N'Open', N'InProgress')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Running_Department_DueAt",
                table: "WorkItems");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Running_DueAt_Department",
                table: "WorkItems",
                columns: new[] { "DueAt", "Department", "Status" },
                filter: "[Status] IN (N'Open', N'InProgress')");
        }
    }
}
