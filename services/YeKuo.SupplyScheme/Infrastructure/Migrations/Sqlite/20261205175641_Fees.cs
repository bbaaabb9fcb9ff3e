using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.SupplyScheme.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Fees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChargeAccounts",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CustomerClass = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    PolicyVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TariffVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    Lines = table.Column<string>(type: "TEXT", nullable: false),
                    Payments = table.Column<string>(type: "TEXT", nullable: false),
                    Refunds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargeAccounts", x => x.ApplicationId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChargeAccounts");
        }
    }
}
