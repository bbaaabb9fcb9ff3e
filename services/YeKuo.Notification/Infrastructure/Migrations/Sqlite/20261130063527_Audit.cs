using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Notification.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Audit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    StatusBefore = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StatusAfter = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ApplicationId",
                table: "AuditEntries",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OccurredAt",
                table: "AuditEntries",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RequestId",
                table: "AuditEntries",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Subject_OccurredAt",
                table: "AuditEntries",
                columns: new[] { "Subject", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TargetId",
                table: "AuditEntries",
                column: "TargetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");
        }
    }
}
