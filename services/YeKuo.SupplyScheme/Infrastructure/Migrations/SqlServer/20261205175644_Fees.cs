using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.SupplyScheme.Infrastructure.Migrations.SqlServer
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
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CustomerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CustomerClass = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    PolicyVersion = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TariffVersion = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    AssessedAt = table.Column<long>(type: "bigint", nullable: true),
                    Scheme = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    WithdrawnAt = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Lines = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Payments = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Refunds = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
