using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Notification.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ManagedApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ManagedApplications",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerManager = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ManagedApplications", x => x.ApplicationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ManagedApplications_CustomerManager",
                table: "ManagedApplications",
                column: "CustomerManager");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ManagedApplications");
        }
    }
}
