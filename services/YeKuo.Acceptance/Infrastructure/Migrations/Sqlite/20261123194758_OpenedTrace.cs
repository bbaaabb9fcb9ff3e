using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenedTrace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpenedTraceParent",
                table: "WorkItems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpenedTraceParent",
                table: "WorkItems");
        }
    }
}
