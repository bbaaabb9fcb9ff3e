using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Inspection.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "WorkItems",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "DueAssumedYears",
                table: "WorkItems",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueAssumedYears",
                table: "WorkItems");

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "WorkItems",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
