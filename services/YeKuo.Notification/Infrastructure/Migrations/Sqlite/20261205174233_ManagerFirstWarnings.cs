using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Notification.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManagerFirstWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffNotices_WorkItemId_Kind",
                table: "StaffNotices");

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "StaffNotices",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Responsible");

            // Notices from before the audience existed: escalations were the head's, warnings the 责任人's.
            migrationBuilder.Sql("UPDATE StaffNotices SET Audience = 'DepartmentHead' WHERE Kind = 'Escalation'");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotices_WorkItemId_Kind_Audience",
                table: "StaffNotices",
                columns: new[] { "WorkItemId", "Kind", "Audience" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffNotices_WorkItemId_Kind_Audience",
                table: "StaffNotices");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "StaffNotices");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotices_WorkItemId_Kind",
                table: "StaffNotices",
                columns: new[] { "WorkItemId", "Kind" },
                unique: true);
        }
    }
}
