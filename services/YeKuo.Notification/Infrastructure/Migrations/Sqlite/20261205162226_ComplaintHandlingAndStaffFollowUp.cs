using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Notification.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ComplaintHandlingAndStaffFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttitudeScore",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChargesScore",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SpeedScore",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisitChannel",
                table: "FollowUps",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisitComments",
                table: "FollowUps",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VisitDueAt",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisitPolicyVersion",
                table: "FollowUps",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VisitedAt",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisitedBy",
                table: "FollowUps",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Accountability",
                table: "Complaints",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DueAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Handler",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LimitWorkingDays",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "OwnerDepartment",
                table: "Complaints",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Notification");

            migrationBuilder.AddColumn<string>(
                name: "PolicyVersion",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Rectification",
                table: "Complaints",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RepliedAt",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepliedBy",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "Complaints",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Complaints",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Received");

            migrationBuilder.AddColumn<string>(
                name: "Step",
                table: "Complaints",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ComplaintActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintActions_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_VisitedAt_VisitDueAt",
                table: "FollowUps",
                columns: new[] { "VisitedAt", "VisitDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerId_RecordedAt",
                table: "Complaints",
                columns: new[] { "CustomerId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_OwnerDepartment_Status_DueAt",
                table: "Complaints",
                columns: new[] { "OwnerDepartment", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_DueAt",
                table: "Complaints",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintActions_ComplaintId_Sequence",
                table: "ComplaintActions",
                columns: new[] { "ComplaintId", "Sequence" },
                unique: true);

            // Complaints recorded before they were handled get their owner (客户服务) above and are due at once.
            migrationBuilder.Sql("UPDATE Complaints SET DueAt = RecordedAt WHERE DueAt = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintActions");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_VisitedAt_VisitDueAt",
                table: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CustomerId_RecordedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_OwnerDepartment_Status_DueAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Status_DueAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "AttitudeScore",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "ChargesScore",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "SpeedScore",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitChannel",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitComments",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitDueAt",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitPolicyVersion",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitedAt",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitedBy",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "Accountability",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Handler",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "LimitWorkingDays",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "OwnerDepartment",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PolicyVersion",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Rectification",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RepliedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RepliedBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Reply",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Step",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Complaints");
        }
    }
}
