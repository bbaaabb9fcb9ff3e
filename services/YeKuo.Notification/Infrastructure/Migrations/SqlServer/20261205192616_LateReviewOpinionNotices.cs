using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Notification.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LateReviewOpinionNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffNotices_WorkItemId_Kind_Audience",
                table: "StaffNotices");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotices_WorkItemId_Kind_Audience_Department",
                table: "StaffNotices",
                columns: new[] { "WorkItemId", "Kind", "Audience", "Department" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffNotices_WorkItemId_Kind_Audience_Department",
                table: "StaffNotices");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotices_WorkItemId_Kind_Audience",
                table: "StaffNotices",
                columns: new[] { "WorkItemId", "Kind", "Audience" },
                unique: true);
        }
    }
}
