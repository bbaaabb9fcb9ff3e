using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace YeKuo.Acceptance.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "WorkItems",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "DueAssumedYears",
                table: "WorkItems",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "Timeline",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "DueAssumedYears",
                table: "Timeline",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AccountNumber",
                table: "Applications",
                type: "TEXT",
                maxLength: 13,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChangeDescription",
                table: "Applications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "Applications",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "CurrentCapacityKva",
                table: "Applications",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Applications",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "TemporaryEndedAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TemporaryEnding",
                table: "Applications",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TemporaryReminderAt",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TemporaryUntil",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Kind_TemporaryReminderAt_TemporaryUntil",
                table: "Applications",
                columns: new[] { "Kind", "TemporaryReminderAt", "TemporaryUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_Kind_TemporaryReminderAt_TemporaryUntil",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DueAssumedYears",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "DueAssumedYears",
                table: "Timeline");

            migrationBuilder.DropColumn(
                name: "AccountNumber",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ChangeDescription",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Changes",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "CurrentCapacityKva",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TemporaryEndedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TemporaryEnding",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TemporaryReminderAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TemporaryUntil",
                table: "Applications");

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "WorkItems",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "Timeline",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
