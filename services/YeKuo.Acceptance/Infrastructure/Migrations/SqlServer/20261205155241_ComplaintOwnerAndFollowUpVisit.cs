using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ComplaintOwnerAndFollowUpVisit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChargesScore",
                table: "CustomerFeedback",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "CustomerFeedback",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DepartmentAt",
                table: "CustomerFeedback",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SpeedScore",
                table: "CustomerFeedback",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChargesScore",
                table: "CustomerFeedback");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "CustomerFeedback");

            migrationBuilder.DropColumn(
                name: "DepartmentAt",
                table: "CustomerFeedback");

            migrationBuilder.DropColumn(
                name: "SpeedScore",
                table: "CustomerFeedback");
        }
    }
}
