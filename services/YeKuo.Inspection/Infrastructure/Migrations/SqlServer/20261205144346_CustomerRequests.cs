using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Inspection.Infrastructure.Migrations.SqlServer
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
                type: "nvarchar(max)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)");

            migrationBuilder.AddColumn<string>(
                name: "DueAssumedYears",
                table: "WorkItems",
                type: "nvarchar(32)",
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
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(max)",
                oldNullable: true);
        }
    }
}
