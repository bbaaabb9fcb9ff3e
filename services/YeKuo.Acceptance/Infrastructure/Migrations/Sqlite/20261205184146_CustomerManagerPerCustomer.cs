using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerManagerPerCustomer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerManagerChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerManagerChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomerManagers",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerManagers", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "StepWarnings",
                columns: table => new
                {
                    WorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepWarnings", x => new { x.WorkItemId, x.Level });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerManagerChanges_CustomerId_ChangedAt",
                table: "CustomerManagerChanges",
                columns: new[] { "CustomerId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerManagers_CustomerManager",
                table: "CustomerManagers",
                column: "CustomerManager");

            migrationBuilder.CreateIndex(
                name: "IX_StepWarnings_ApplicationId",
                table: "StepWarnings",
                column: "ApplicationId");

            // A customer accepted before the rule keeps the manager of their first accepted application.
            migrationBuilder.Sql(@"
                INSERT INTO ""CustomerManagers"" (""CustomerId"", ""CustomerManager"", ""AssignedAt"", ""Version"")
                SELECT a.""CustomerId"", a.""CustomerManager"", MIN(a.""AcceptedAt""), upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-A' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
                FROM ""Applications"" a
                WHERE a.""CustomerManager"" IS NOT NULL AND a.""AcceptedAt"" = (
                    SELECT MIN(b.""AcceptedAt"") FROM ""Applications"" b WHERE b.""CustomerId"" = a.""CustomerId"" AND b.""CustomerManager"" IS NOT NULL)
                GROUP BY a.""CustomerId"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerManagerChanges");

            migrationBuilder.DropTable(
                name: "CustomerManagers");

            migrationBuilder.DropTable(
                name: "StepWarnings");
        }
    }
}
