using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PreviousManager = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerManagerChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomerManagers",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AssignedAt = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerManagers", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "StepWarnings",
                columns: table => new
                {
                    WorkItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Step = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Assignee = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RaisedAt = table.Column<long>(type: "bigint", nullable: false)
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
                INSERT INTO [CustomerManagers] ([CustomerId], [CustomerManager], [AssignedAt], [Version])
                SELECT f.[CustomerId], f.[CustomerManager], f.[AcceptedAt], NEWID()
                FROM (SELECT a.[CustomerId], a.[CustomerManager], a.[AcceptedAt],
                             ROW_NUMBER() OVER (PARTITION BY a.[CustomerId] ORDER BY a.[AcceptedAt], a.[Id]) AS [Rank]
                      FROM [Applications] a WHERE a.[CustomerManager] IS NOT NULL) f
                WHERE f.[Rank] = 1;");
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
