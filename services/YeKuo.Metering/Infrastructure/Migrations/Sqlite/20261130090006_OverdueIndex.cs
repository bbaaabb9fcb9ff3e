using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Metering.Infrastructure.Migrations.Sqlite
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
                filter: "\"Status\" IN ('Open', 'InProgress') OR \"Status\" = 'Open' OR \"Status\" = 'InProgress'");
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
                filter: "\"Status\" IN ('Open', 'InProgress') OR \"Status\" = 'Open' OR \"Status\" = 'InProgress'");
        }
    }
}
