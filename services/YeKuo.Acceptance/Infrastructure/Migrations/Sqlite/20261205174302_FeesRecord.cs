using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FeesRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChargeAssessments",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TariffVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    AssessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargeAssessments", x => new { x.ApplicationId, x.Revision });
                });

            migrationBuilder.CreateTable(
                name: "ChargeEntries",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    MovementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 14, scale: 3, nullable: true),
                    UnitAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargeEntries", x => new { x.ApplicationId, x.Kind, x.Revision, x.MovementId, x.Item });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChargeAssessments");

            migrationBuilder.DropTable(
                name: "ChargeEntries");
        }
    }
}
